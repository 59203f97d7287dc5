import React, { Component } from "react";
import { interval } from "rxjs";

import { store } from "./store";
import { messages$ } from "./chat";

export class CartSummary extends Component {
  state = { items: store.getState().cart };

  componentDidMount() {
    store.subscribe(() => this.setState({ items: store.getState().cart })); // want "subscription-not-disposed"
  }

  render() {
    return <ul>{this.state.items.map((i) => <li key={i.id}>{i.name}</li>)}</ul>;
  }
}

export class ChatLog extends React.PureComponent {
  constructor(props) {
    super(props);
    this.state = { lines: [] };
  }

  componentDidMount() {
    messages$.subscribe((m) => this.setState(({ lines }) => ({ lines: [...lines, m] }))); // want "subscription-not-disposed"
    this.tick = interval(1000).subscribe(() => this.forceUpdate()); // want "subscription-not-disposed"
  }

  componentWillUnmount() {
    document.title = "Chat";
  }

  render() {
    return <pre>{this.state.lines.join("\n")}</pre>;
  }
}

export class Presence extends Component {
  handleClick = () => {
    this.props.presence$.subscribe((p) => console.log(p)); // want "subscription-not-disposed"
  };

  render() {
    return <button onClick={this.handleClick}>Who is here?</button>;
  }
}
