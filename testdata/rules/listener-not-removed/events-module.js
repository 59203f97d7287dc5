// DOM event helper modules (dom-helpers/events, a project's utils/events.js)
// take the target first: events.on(window, "resize", fn) is undone by
// events.off(window, "resize", fn).
import React from "react";
import events from "dom-helpers/events";
import * as Events from "./utils/events.js";

export const Modal = React.createClass({
  onShow() {
    events.on(window, "resize", this.handleResize); // want "listener-not-removed"
  },

  onHide() {
    events.off(window, "resize", this.handleResize);
  },

  handleResize() {
    this.setState({ width: window.innerWidth });
  },

  render() {
    return null;
  },
});

export const CleanModal = React.createClass({
  onShow() {
    events.on(window, "resize", this.handleResize);
    Events.on(document, "keydown", this.handleKey);
  },

  componentWillUnmount() {
    events.off(window, "resize", this.handleResize);
    Events.off(document, "keydown", this.handleKey);
  },

  handleResize() {},
  handleKey() {},

  render() {
    return null;
  },
});
