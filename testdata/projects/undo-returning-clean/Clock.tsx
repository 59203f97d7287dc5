import { useEffect } from "react";
import { listen } from "./events";

export function Clock({ onFocus, onBlur }: { onFocus: EventListener; onBlur: EventListener }) {
  useEffect(() => {
    return listen(window, "focus", onFocus);
  }, [onFocus]);
  useEffect(() => {
    const off = listen(window, "blur", onBlur);
    return () => off();
  }, [onBlur]);
  return null;
}
