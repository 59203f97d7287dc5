import React, { Component } from "react";

// An id kept in state through setState, cleared from state at unmount.
export class Poller extends Component {
  componentDidMount() {
    this.setState({ pollId: setInterval(() => this.poll(), 5000) });
  }

  componentWillUnmount() {
    clearInterval(this.state.pollId);
  }

  poll() {}

  render() {
    return null;
  }
}

// A local object that holds the id, cleared through the same object.
export class Ticker extends Component {
  componentDidMount() {
    this.timers = { tick: setInterval(() => this.forceUpdate(), 1000) };
  }

  componentWillUnmount() {
    clearInterval(this.timers.tick);
  }

  render() {
    return null;
  }
}

// Handed to a function we cannot follow: the rule stays silent.
export class Registered extends Component {
  componentDidMount() {
    this.props.register({ id: setInterval(() => this.forceUpdate(), 1000) });
  }

  render() {
    return null;
  }
}

// Class fields cleared at unmount; a static field lives with the class.
export class Blinker extends Component {
  static shared = setInterval(() => Blinker.tick(), 1000);
  state = { on: false, blink: setInterval(() => this.toggle(), 500) };
  pulse = setInterval(() => this.forceUpdate(), 1000);

  static tick() {}

  componentWillUnmount() {
    clearInterval(this.state.blink);
    clearInterval(this.pulse);
  }

  toggle() {
    this.setState(({ on }) => ({ on: !on }));
  }

  render() {
    return null;
  }
}
