import { useEffect } from "react";

let installed = false;

// However many times the banner mounts, the page gets one listener.
export function ConsentBanner({ onAccept }) {
  useEffect(() => {
    if (window.__consentKeys) return;
    window.__consentKeys = true;
    window.addEventListener("keydown", (e) => e.key === "Enter" && onAccept());
  }, [onAccept]);
  return <div className="consent" />;
}

export class Tracker {
  start() {
    if (installed) {
      return;
    }
    document.addEventListener("visibilitychange", this.flush);
    installed = true;
  }
  flush = () => {};
  dispose() {}
}
