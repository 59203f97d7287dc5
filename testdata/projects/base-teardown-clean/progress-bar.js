import { Component } from "./component";

// Extends the player's Component, which ends with dispose(), not React's
// componentWillUnmount.
export class ProgressBar extends Component {
  constructor(player) {
    super(player);
    this.interval = setInterval(() => this.update(), 250);
  }

  update() {}

  dispose() {
    this.stopTracking();
    super.dispose();
  }

  stopTracking() {
    clearInterval(this.interval);
  }
}
