import { useEffect } from "react";
import { unlisten } from "./dom";

export function Chart({ onResize }) {
  useEffect(() => {
    window.addEventListener("resize", onResize); // want "listener-not-removed"
    // The helper removes a listener of another event.
    return () => unlisten(window, "scroll", onResize);
  }, [onResize]);
  return null;
}
