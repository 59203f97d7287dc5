// A global setter keeps one callback (window.launchQueue.setConsumer,
// navigator.mediaSession.setActionHandler): a closure over the component
// handed to it keeps the component reachable until the slot is set again.
import React from "react";

export class Board extends React.Component {
  componentDidMount() {
    if ("launchQueue" in window) {
      window.launchQueue.setConsumer((params) => this.openFiles(params.files)); // want "listener-not-removed"
    }
    navigator.mediaSession.setActionHandler("play", () => this.play()); // want "listener-not-removed"
  }

  componentWillUnmount() {
    this.unmounted = true;
  }

  openFiles(files) {
    this.setState({ files });
  }

  play() {}

  render() {
    return <canvas />;
  }
}

export class CleanBoard extends React.Component {
  componentDidMount() {
    window.launchQueue?.setConsumer((params) => this.openFiles(params.files));
    navigator.mediaSession.setActionHandler("play", () => this.play());
  }

  componentWillUnmount() {
    window.launchQueue?.setConsumer(() => {});
    navigator.mediaSession.setActionHandler("play", null);
  }

  openFiles(files) {
    this.setState({ files });
  }

  play() {}

  render() {
    return <canvas />;
  }
}
