// A helper that waits for a node to appear: the observer it creates inline
// is never kept, so it keeps watching after the promise settles, one more
// per call.
export const waitFor = (selector: string, root = document.body): Promise<Element> =>
  new Promise((resolve) => {
    new MutationObserver((mutations) => { // want "observer-not-disconnected"
      const match = mutations.flatMap((m) => [...m.addedNodes]).find((n) => (n as Element).matches?.(selector));
      if (match) resolve(match as Element);
    }).observe(root, { childList: true, subtree: true });
  });

// Clean: the callback disconnects the observer once it has found the node.
export const waitForOnce = (selector: string, root = document.body): Promise<Element> =>
  new Promise((resolve) => {
    new MutationObserver((mutations, observer) => {
      const match = mutations.flatMap((m) => [...m.addedNodes]).find((n) => (n as Element).matches?.(selector));
      if (match) {
        observer.disconnect();
        resolve(match as Element);
      }
    }).observe(root, { childList: true, subtree: true });
  });

// Clean: a local element that goes away with the call.
export const measure = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = document.createElement("div");
    new ResizeObserver(() => resolve(probe.offsetWidth)).observe(probe);
  });
