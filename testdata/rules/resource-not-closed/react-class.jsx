import React, { Component } from "react";

export class OrderBook extends Component {
  state = { bids: [], asks: [] };

  componentDidMount() {
    this.socket = new WebSocket(`wss://exchange.example.com/book/${this.props.pair}`); // want "resource-not-closed"
    this.socket.onmessage = (e) => this.setState(JSON.parse(e.data));
  }

  render() {
    return <table>{this.state.bids.length}</table>;
  }
}

export class BuildLog extends React.PureComponent {
  componentDidMount() {
    this.source = new EventSource(`/builds/${this.props.id}/log`); // want "resource-not-closed"
    this.source.onmessage = (e) => this.append(e.data);
    this.timer = setInterval(this.flush, 500);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
  }

  append = (line) => this.setState((s) => ({ lines: [...s.lines, line] }));
  flush = () => {};

  render() {
    return <pre />;
  }
}

export class Spellcheck extends Component {
  // Created when the user turns spellcheck on: the teardown must not assume it exists.
  enable = () => {
    this.worker = new Worker("/spellcheck.worker.js"); // want "resource-not-closed"
    this.worker.onmessage = (e) => this.setState({ errors: e.data });
  };

  render() {
    return <textarea onFocus={this.enable} />;
  }
}

export class Presence extends Component {
  componentDidMount() {
    const channel = new BroadcastChannel("presence"); // want "resource-not-closed"
    channel.onmessage = (e) => this.setState({ online: e.data });
    channel.postMessage("joined");
  }

  render() {
    return <span>{String(this.state.online)}</span>;
  }
}

export class CleanTicker extends Component {
  componentDidMount() {
    this.socket = new WebSocket("wss://ticker.example.com");
    this.channel = new BroadcastChannel("ticker");
  }

  componentWillUnmount() {
    this.disconnect();
  }

  disconnect() {
    this.socket.close();
    this.channel.close();
  }

  render() {
    return null;
  }
}
