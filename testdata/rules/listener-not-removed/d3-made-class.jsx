import React from "react";
import { forceSimulation } from "d3-force";
import { select } from "d3-selection";

// A class component that makes its simulation keeps it in a field: the
// tick listener goes with it. One it is given, or its parent element's
// selection, is not its own.
export class Bubbles extends React.Component {
  componentDidMount() {
    this.simulation = forceSimulation(this.props.nodes);
    this.simulation.on("tick", () => this.forceUpdate());
    select(this.props.container).on("click", () => this.setState({ picked: null })); // want "listener-not-removed: .click. listener added to select\(this.props.container\) is never removed; call on\(.click., null\) in componentWillUnmount"
    this.shared = this.props.simulation;
    this.shared.on("tick", () => this.setState({ settled: true })); // want "listener-not-removed: .tick. listener added to this.shared is never removed"
  }

  render() {
    return <svg className="bubbles" />;
  }
}

// d3 has no off(): on(type, null) in the teardown takes the listener off.
export class Resizer extends React.Component {
  componentDidMount() {
    select(window).on("resize.bubbles", () => this.forceUpdate());
  }

  componentWillUnmount() {
    select(window).on("resize.bubbles", null);
  }

  render() {
    return null;
  }
}
