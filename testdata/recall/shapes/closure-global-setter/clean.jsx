// Shape: closure-global-setter, cleaned: the globals are reset on unmount.
import React from "react";

export class Board extends React.Component {
  componentDidMount() {
    if ("launchQueue" in window) {
      window.launchQueue.setConsumer((params) => this.openFiles(params.files));
    }
    window.onresize = () => this.setState({ width: window.innerWidth });
  }

  componentWillUnmount() {
    if ("launchQueue" in window) {
      window.launchQueue.setConsumer(() => {});
    }
    window.onresize = null;
    this.unmounted = true;
  }

  openFiles(files) {
    this.setState({ files });
  }

  render() {
    return <canvas />;
  }
}
