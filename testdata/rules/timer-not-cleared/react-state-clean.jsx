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
