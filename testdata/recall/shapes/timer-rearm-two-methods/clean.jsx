// Shape: timer-rearm-two-methods, fixed: the latest timeout id is cleared
// when the component unmounts, which ends the start()/tick() loop.
import React from "react";

export class Countdown extends React.Component {
  state = { left: 60 };

  componentDidMount() {
    this.start();
  }

  componentWillUnmount() {
    clearTimeout(this.timer);
  }

  start() {
    this.timer = setTimeout(() => this.tick(), 1000);
  }

  tick() {
    this.setState(({ left }) => ({ left: left - 1 }));
    this.start();
  }

  render() {
    return <b>{this.state.left}</b>;
  }
}
