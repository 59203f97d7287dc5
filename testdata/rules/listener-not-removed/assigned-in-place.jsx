// The same in-place assignment of a bus the whole page shares: the
// listener outlives the component.
import React from "react";

export class Status extends React.Component {
  componentDidMount() {
    const bus = (this.bus = window.appBus);
    bus.on("status", this.update); // want "listener-not-removed: .status. listener added to bus is never removed; call off in componentWillUnmount"
  }

  update = () => this.forceUpdate();

  componentWillUnmount() {
    this.bus = null;
  }

  render() {
    return null;
  }
}
