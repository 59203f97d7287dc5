import React from "react";
import { forceSimulation } from "d3-force";
import { select } from "d3-selection";

// Made once for the module, shared by every instance.
const shared = forceSimulation([]);

// A class component that makes its simulation keeps it in a field: the
// tick listener goes with it. The module's simulation, or its parent
// element's selection, is not its own.
export class Bubbles extends React.Component {
  componentDidMount() {
    this.simulation = forceSimulation(this.props.nodes);
    this.simulation.on("tick", () => this.forceUpdate());
    select(this.props.container).on("click", () => this.setState({ picked: null })); // want "listener-not-removed: .click. listener added to select\(this.props.container\) is never removed; call on\(.click., null\) in componentWillUnmount"
    shared.on("tick", () => this.setState({ settled: true })); // want "listener-not-removed: .tick. listener added to shared is never removed; call on\(.tick., null\)"
  }

  render() {
    return <svg className="bubbles" />;
  }
}

// d3 has no off(): on(type, null) in the teardown takes the listener off.
export class Resizer extends React.Component {
  componentDidMount() {
    select(window).on("resize.bubbles", () => this.forceUpdate());
    this.props.simulation.on("end.bubbles", () => this.setState({ settled: true }));
  }

  componentWillUnmount() {
    select(window).on("resize.bubbles", null);
    this.props.simulation.on("end.bubbles", null);
  }

  render() {
    return null;
  }
}
