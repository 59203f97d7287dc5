// Several rules on one component, run together: each leak is reported once,
// by the rule that owns it.
import { useEffect } from "react";

const seen = new Map();

export function Dashboard({ feed, requestId }) {
  useEffect(() => {
    window.addEventListener("resize", feed.refresh); // want "listener-not-removed: .resize. listener added to window"
    setInterval(() => feed.poll(), 5000); // want "timer-not-cleared"
    feed.store.subscribe(() => feed.render()); // want "subscription-not-disposed"
    const ro = new ResizeObserver(() => feed.layout());
    ro.observe(document.body); // want "observer-not-disconnected"
  }, [feed]);
  seen.set(requestId, Date.now()); // want "unbounded-cache: .*keyed by `requestId`"
  return null;
}
