// Shape: timer-rearm-two-methods (issue 13, item 4). The loop is split over
// two methods: start() schedules tick(), and tick() calls start() again, so
// it runs forever once mounted and keeps the unmounted component alive.
// leakwatch reports timer-not-cleared at "<- leak".
import React from "react";

export class Countdown extends React.Component {
  state = { left: 60 };

  componentDidMount() {
    this.start();
  }

  start() {
    this.timer = setTimeout(() => this.tick(), 1000); // <- leak
  }

  tick() {
    this.setState(({ left }) => ({ left: left - 1 }));
    this.start();
  }

  render() {
    return <b>{this.state.left}</b>;
  }
}
