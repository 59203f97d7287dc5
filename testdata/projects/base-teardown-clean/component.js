// A video player's own Component class: not React's.
export class Component {
  constructor(player) {
    this.player = player;
  }

  dispose() {
    this.player = null;
  }
}
