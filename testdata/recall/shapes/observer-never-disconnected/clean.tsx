// Shape: observer-never-disconnected, cleaned: the helper returns the
// observer, disconnects once it matched, and the component disconnects the
// pending one on unmount.
import React from "react";

const waitFor = (selector: string, onFound: (el: HTMLElement) => void, targetNode = document.body) => {
  const observer = new MutationObserver((mutations) => {
    const match = mutations
      .flatMap((m) => Array.from(m.addedNodes))
      .find((n) => n instanceof HTMLElement && n.matches(selector));
    if (match) {
      observer.disconnect();
      onFound(match as HTMLElement);
    }
  });
  observer.observe(targetNode, { childList: true, subtree: true });
  return observer;
};

export class Article extends React.PureComponent<{ hash: string }> {
  private observer?: MutationObserver;

  componentDidUpdate() {
    this.observer?.disconnect();
    this.observer = waitFor(this.props.hash, (el) => el.scrollIntoView());
  }

  componentWillUnmount() {
    this.observer?.disconnect();
  }

  render() {
    return <article />;
  }
}
