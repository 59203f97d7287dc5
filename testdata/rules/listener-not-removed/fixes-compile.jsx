// Fixes that must compile: each case once broke the code it fixed.
import React, { Component } from "react";

// The inline handler uses a local of componentDidMount: moved into a class
// field it would no longer see `offset`, so no removal fix is offered.
export class Ruler extends Component {
  componentDidMount() {
    const offset = this.props.offset;
    window.addEventListener("scroll", () => { // want "listener-not-removed"
      this.setState({ top: window.scrollY + offset });
    });
  }

  render() {
    return <hr />;
  }
}

// The handler is self-contained: it moves into a field, re-indented to the
// class body's level.
export class Tracker extends Component {
  componentDidMount() {
    window.addEventListener("scroll", () => { // want "listener-not-removed"
      this.setState({ top: window.scrollY });
    });
  }

  render() {
    return <hr />;
  }
}

// The chart is set in componentDidMount only: at unmount the compiler
// sees it as possibly undefined.
export class Chart extends Component {
  componentDidMount() {
    this.chart = this.props.charts.get(this.props.id);
    this.chart.on("select", this.onSelect); // want "listener-not-removed"
  }

  onSelect = () => this.props.onSelect();

  render() {
    return <canvas />;
  }
}

// A listener added in a loop to many targets: the targets are not visible
// in the cleanup, but one AbortController declared before the loop removes
// every one of them.
export function Modal({ hide, open, containerRef }) {
  useEffect(() => {
    const closers = containerRef.current?.querySelectorAll("[data-close]");
    for (const el of closers || []) {
      el.addEventListener("click", hide); // want "listener-not-removed"
    }
  }, [hide, open]);
  return null;
}
