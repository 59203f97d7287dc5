import React, { Component } from "react";

// The interval id is kept in state through setState, and never cleared.
export class Poller extends Component {
  componentDidMount() {
    this.setState({ pollId: setInterval(() => this.poll(), 5000) }); // want "timer-not-cleared: setInterval stored in this.state.pollId"
  }

  poll() {
    fetch("/api/status").then((r) => r.json()).then((status) => this.setState({ status }));
  }

  render() {
    return <span>{this.state.status}</span>;
  }
}

// Kept in a state object assigned in the constructor.
export class Ticker extends Component {
  constructor(props) {
    super(props);
    this.state = { n: 0, ticker: setInterval(() => this.setState(({ n }) => ({ n: n + 1 })), 1000) }; // want "timer-not-cleared: setInterval stored in this.state.ticker"
  }

  render() {
    return <b>{this.state.n}</b>;
  }
}

// Class fields run per instance: a state object and a plain field.
export class Blinker extends Component {
  state = { on: false, blink: setInterval(() => this.toggle(), 500) }; // want "timer-not-cleared: setInterval stored in this.state.blink"
  pulse = setInterval(() => this.forceUpdate(), 1000); // want "timer-not-cleared: setInterval stored in this.pulse"

  componentWillUnmount() {
    this.props.onGone();
  }

  toggle() {
    this.setState(({ on }) => ({ on: !on }));
  }

  render() {
    return <i>{this.state.on ? "*" : " "}</i>;
  }
}
