import { useEffect } from "react";
import { listen } from "./events";

export function Clock({ onFocus }: { onFocus: EventListener }) {
  useEffect(() => {
    listen(window, "focus", onFocus); // want "listener-not-removed"
  }, [onFocus]);
  return null;
}
