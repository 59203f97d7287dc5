import { useEffect, useRef } from "react";

// The cleanup loops over another array than the one the effect added from.
export function Hotkeys({ onKey, onBlur }) {
  useEffect(() => {
    const added = [["keydown", onKey]];
    added.forEach(([event, handler]) => window.addEventListener(event, handler)); // want "listener-not-removed: `event` listener added to window is never removed; call removeEventListener in the cleanup function useEffect returns"
    return () => {
      [["keydown", () => onKey()]].forEach(([event, handler]) => window.removeEventListener(event, handler));
    };
  }, [onKey, onBlur]);
  return null;
}

// Added in a loop, never removed.
export function Gestures({ onMove }) {
  useEffect(() => {
    for (const event of ["pointermove", "touchmove"]) {
      document.addEventListener(event, onMove); // want "listener-not-removed: `event` listener added to document is never removed"
    }
  }, [onMove]);
  return null;
}
