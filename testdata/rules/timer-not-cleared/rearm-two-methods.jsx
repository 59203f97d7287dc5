import React, { Component } from "react";

// start() schedules tick(), and tick() calls start() again: a loop over two
// methods, which nothing stops when the ticker unmounts.
export class Ticker extends Component {
  componentDidMount() {
    this.start();
  }

  start() {
    this.timer = setTimeout(() => this.tick(), 1000); // want "timer-not-cleared: setTimeout re-arms tick\(\)"
  }

  tick() {
    this.setState(({ n }) => ({ n: n + 1 }));
    this.start();
  }

  render() {
    return <span>{this.state.n}</span>;
  }
}

// The same loop when the scheduled method calls back from a promise.
export class Refresher extends Component {
  componentDidMount() {
    this.schedule();
  }

  componentWillUnmount() {
    this.props.onLeave();
  }

  schedule() {
    setTimeout(this.refresh, 30000); // want "timer-not-cleared"
  }

  refresh = () => {
    fetch("/api/items")
      .then((r) => r.json())
      .then((items) => {
        this.setState({ items });
        this.schedule();
      });
  };

  render() {
    return null;
  }
}
