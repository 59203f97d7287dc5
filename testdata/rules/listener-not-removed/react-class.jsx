import React, { Component } from "react";

export class Clock extends Component {
  componentDidMount() {
    window.addEventListener("resize", this.handleResize); // want "listener-not-removed"
    this.props.emitter.on("tick", this.tick); // want "listener-not-removed"
  }

  handleResize = () => this.forceUpdate();
  tick = () => this.setState({ now: Date.now() });

  render() {
    return <span>{String(this.state)}</span>;
  }
}

export class WithTeardown extends React.PureComponent {
  componentDidMount() {
    document.addEventListener("visibilitychange", this.onVisible); // want "listener-not-removed"
    window.addEventListener("resize", this.onResize);
  }

  componentWillUnmount() {
    window.removeEventListener("resize", this.onResize);
  }

  onVisible = () => {};
  onResize = () => {};

  render() {
    return null;
  }
}

export class Clean extends Component {
  constructor(props) {
    super(props);
    this.onScroll = this.onScroll.bind(this);
  }

  componentDidMount() {
    window.addEventListener("scroll", this.onScroll);
    this.props.store.on("change", this.onChange);
  }

  componentWillUnmount() {
    this.detach();
  }

  detach() {
    window.removeEventListener("scroll", this.onScroll);
    this.props.store.off("change", this.onChange);
  }

  onScroll() {}
  onChange = () => {};

  render() {
    return null;
  }
}
