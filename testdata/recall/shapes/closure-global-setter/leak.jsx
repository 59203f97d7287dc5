// Shape: closure-global-setter. A class component hands a closure over `this`
// to a global setter (window.launchQueue.setConsumer, window.onresize) and
// never resets it, so the unmounted component stays reachable from window.
// leakwatch should report at each "<- leak" (listener-not-removed, or a rule
// for global setters).
import React from "react";

export class Board extends React.Component {
  componentDidMount() {
    if ("launchQueue" in window) {
      window.launchQueue.setConsumer((params) => this.openFiles(params.files)); // <- leak
    }
    window.onresize = () => this.setState({ width: window.innerWidth }); // <- leak
  }

  componentWillUnmount() {
    this.unmounted = true;
  }

  openFiles(files) {
    this.setState({ files });
  }

  render() {
    return <canvas />;
  }
}
