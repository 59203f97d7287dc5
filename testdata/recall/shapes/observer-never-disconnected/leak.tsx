// Shape: observer-never-disconnected. A module helper creates a
// MutationObserver on document.body and never disconnects it (not even after
// it found what it waited for); a class component calls it on every
// navigation. leakwatch should report observer-not-disconnected at "<- leak".
import React from "react";

const waitFor = (selector: string, targetNode = document.body): Promise<HTMLElement> =>
  new Promise((resolve) => {
    new MutationObserver((mutations) => { // <- leak
      const match = mutations
        .flatMap((m) => Array.from(m.addedNodes))
        .find((n) => n instanceof HTMLElement && n.matches(selector));
      if (match) resolve(match as HTMLElement);
    }).observe(targetNode, { childList: true, subtree: true });
  });

export class Article extends React.PureComponent<{ hash: string }> {
  async componentDidUpdate() {
    const el = await waitFor(this.props.hash);
    el.scrollIntoView();
  }

  render() {
    return <article />;
  }
}
