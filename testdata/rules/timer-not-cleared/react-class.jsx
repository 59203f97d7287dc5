import React, { Component } from "react";

export class Clock extends Component {
  state = { now: new Date() };

  componentDidMount() {
    setInterval(() => this.setState({ now: new Date() }), 1000); // want "timer-not-cleared"
  }

  render() {
    return <time>{this.state.now.toLocaleTimeString()}</time>;
  }
}

export class Feed extends React.PureComponent {
  componentDidMount() {
    this.refresh = setInterval(this.load, 60000); // want "timer-not-cleared"
    this.load();
  }

  componentWillUnmount() {
    this.props.onLeave();
  }

  load = () => {
    fetch("/api/feed").then((r) => r.json()).then((items) => this.setState({ items }));
  };

  render() {
    return null;
  }
}

export class Marquee extends Component {
  componentDidMount() {
    this.step();
  }

  step() {
    this.setState(({ x }) => ({ x: (x + 1) % 100 }));
    setTimeout(() => this.step(), 50); // want "timer-not-cleared"
  }

  render() {
    return <div style={{ left: this.state.x }} />;
  }
}

export class Particles extends Component {
  componentDidMount() {
    this.frame = requestAnimationFrame(this.tick);
  }

  componentWillUnmount() {
    cancelAnimationFrame(this.frame);
  }

  tick = () => {
    this.draw();
    requestAnimationFrame(this.tick); // want "timer-not-cleared"
  };

  draw() {}

  render() {
    return <canvas />;
  }
}

// Clean shapes.

export class CleanClock extends Component {
  componentDidMount() {
    this.timer = setInterval(() => this.setState({ now: new Date() }), 1000);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
  }

  render() {
    return null;
  }
}

export class CleanPoller extends Component {
  running = false;

  componentDidMount() {
    this.running = true;
    this.poll();
  }

  componentWillUnmount() {
    this.stopPolling();
  }

  stopPolling() {
    this.running = false;
  }

  async poll() {
    if (!this.running) return;
    await this.props.load();
    setTimeout(() => this.poll(), 2000);
  }

  render() {
    return null;
  }
}

export class CleanParticles extends Component {
  componentDidMount() {
    this.frame = requestAnimationFrame(this.tick);
  }

  componentWillUnmount() {
    cancelAnimationFrame(this.frame);
  }

  tick = () => {
    this.frame = requestAnimationFrame(this.tick);
  };

  render() {
    return <canvas />;
  }
}

export class CleanTimers extends Component {
  timers = [];

  componentDidMount() {
    this.timers.push(setInterval(this.blink, 500));
    this.timers.push(setInterval(this.save, 10000));
  }

  componentWillUnmount() {
    for (const t of this.timers) clearInterval(t);
  }

  blink = () => {};
  save = () => {};

  render() {
    return null;
  }
}
