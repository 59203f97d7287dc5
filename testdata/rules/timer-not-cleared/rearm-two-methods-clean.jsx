import React, { Component } from "react";

// The latest id of the two-method loop is cleared at unmount.
export class Ticker extends Component {
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
    this.setState(({ n }) => ({ n: n + 1 }));
    this.start();
  }

  render() {
    return null;
  }
}

// The loop checks a flag in the method that re-arms, and unmount sets it.
export class Refresher extends Component {
  componentDidMount() {
    this.running = true;
    this.schedule();
  }

  componentWillUnmount() {
    this.running = false;
  }

  schedule() {
    if (!this.running) return;
    setTimeout(this.refresh, 30000);
  }

  refresh = () => {
    this.setState({ at: Date.now() });
    this.schedule();
  };

  render() {
    return null;
  }
}

// A bounded retry: tick() re-arms only while attempts remain.
export class Retry extends Component {
  componentDidMount() {
    this.attempt = 0;
    this.later();
  }

  later() {
    this.timer = setTimeout(() => this.retry(), 500);
  }

  retry() {
    this.attempt++;
    if (this.attempt < 5) this.later();
  }

  render() {
    return null;
  }
}

// A one-shot timeout whose callback calls another method, not the one that
// scheduled it.
export class Toast extends Component {
  componentDidMount() {
    this.show();
  }

  show() {
    this.hideTimer = setTimeout(() => this.hide(), 3000);
  }

  hide() {
    this.setState({ open: false });
  }

  render() {
    return null;
  }
}
