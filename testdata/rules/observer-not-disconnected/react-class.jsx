import React from "react";

export class AutoSizer extends React.Component {
  state = { width: 0, height: 0 };
  root = React.createRef();

  componentDidMount() {
    this.observer = new ResizeObserver(([entry]) => this.setState(entry.contentRect));
    this.observer.observe(this.root.current); // want "observer-not-disconnected"
  }

  render() {
    return <div ref={this.root}>{this.props.children(this.state)}</div>;
  }
}

export class Reveal extends React.Component {
  el = React.createRef();

  componentDidMount() {
    new IntersectionObserver(([e]) => this.setState({ shown: e.isIntersecting })).observe(this.el.current); // want "observer-not-disconnected"
  }

  componentWillUnmount() {
    this.props.onHide?.();
  }

  render() {
    return <section ref={this.el} />;
  }
}

export class Outline extends React.Component {
  componentDidMount() {
    const mo = new MutationObserver(() => this.props.onChange());
    mo.observe(document.body, { subtree: true, childList: true }); // want "observer-not-disconnected"
  }

  componentWillUnmount() {}

  render() {
    return null;
  }
}

// Clean shapes.

export class CleanAutoSizer extends React.Component {
  root = React.createRef();
  observer = new ResizeObserver(([entry]) => this.setState(entry.contentRect));

  componentDidMount() {
    this.observer.observe(this.root.current);
  }

  componentWillUnmount() {
    this.observer.disconnect();
  }

  render() {
    return <div ref={this.root} />;
  }
}

export class CleanReveal extends React.Component {
  el = React.createRef();

  componentDidMount() {
    this.io = new IntersectionObserver(([e]) => this.setState({ shown: e.isIntersecting }));
    this.io.observe(this.el.current);
  }

  componentWillUnmount() {
    this.teardownObserver();
  }

  teardownObserver() {
    this.io?.unobserve(this.el.current);
  }

  render() {
    return <section ref={this.el} />;
  }
}
