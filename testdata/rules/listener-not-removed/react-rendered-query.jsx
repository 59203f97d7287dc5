import React from "react";

const describe = (label) => label.toUpperCase();

// Elements found in the document that the component does not render: the
// app's header, a class its markup never writes, and a lookup in a state
// callback whose state is rendered as text, not HTML (a function of the
// file formats it; no HTML parser takes it).
export class Toolbar extends React.Component {
  state = { label: "" };

  componentDidMount() {
    const header = document.querySelector(".app-header");
    header.addEventListener("click", this.props.onHeader); // want "listener-not-removed: .click. listener added to header is never removed; call removeEventListener in componentWillUnmount"
    const body = document.getElementById("page-body");
    body.addEventListener("scroll", this.props.onScroll); // want "listener-not-removed: .scroll. listener added to body is never removed"
  }

  rename(label) {
    this.setState({ label }, () => {
      const help = document.querySelector(".toolbar-help");
      help.addEventListener("click", this.props.onHelp); // want "listener-not-removed: .click. listener added to help is never removed"
    });
  }

  render() {
    return <div className="toolbar">{describe(this.state.label)}</div>;
  }
}
