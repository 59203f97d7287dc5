import React, { Component } from "react";
import { Subscription } from "rxjs";
import { take } from "rxjs/operators";

import { store } from "./store";
import { messages$, typing$ } from "./chat";

export class CartSummary extends Component {
  componentDidMount() {
    this.unsubscribe = store.subscribe(() => this.forceUpdate());
  }

  componentWillUnmount() {
    this.unsubscribe();
  }

  render() {
    return null;
  }
}

export class ChatLog extends React.Component {
  subscriptions = new Subscription();

  componentDidMount() {
    this.subscriptions.add(messages$.subscribe((m) => this.append(m)));
    this.subscriptions.add(typing$.subscribe((t) => this.setState({ typing: t })));
    this.typingSub = typing$.subscribe(() => {});
    messages$.pipe(take(1)).subscribe((first) => this.setState({ first }));
  }

  componentWillUnmount() {
    this.subscriptions.unsubscribe();
    this.stopTyping();
  }

  stopTyping() {
    this.typingSub?.unsubscribe();
  }

  append(m) {}

  render() {
    return null;
  }
}
