import { useEffect, useRef } from "react";

// Issue 12: effects that add and remove in loops over the same array, pass
// the capture flag through options objects, or keep handlers in refs stay
// silent when the cleanup matches (react-effect-loops.jsx and
// listener-removal-mismatch/react-effect-capture-refs.jsx leak).

// Adds and removes in loops over the same array, in the same effect.
export function Hotkeys({ onKey, onBlur }) {
  useEffect(() => {
    const pairs = [
      ["keydown", onKey],
      ["blur", onBlur],
    ];
    pairs.forEach(([event, handler]) => window.addEventListener(event, handler));
    return () => {
      pairs.forEach(([event, handler]) => window.removeEventListener(event, handler));
    };
  }, [onKey, onBlur]);
  return null;
}

export function Gestures({ onMove }) {
  useEffect(() => {
    const events = ["pointermove", "touchmove"];
    for (const event of events) {
      document.addEventListener(event, onMove);
    }
    return () => {
      for (const event of events) {
        document.removeEventListener(event, onMove);
      }
    };
  }, [onMove]);
  return null;
}

// The capture flag passed through an options object on both sides.
export function FocusTrap({ onFocus }) {
  useEffect(() => {
    const options = { capture: true };
    document.addEventListener("focus", onFocus, options);
    return () => document.removeEventListener("focus", onFocus, options);
  }, [onFocus]);
  return null;
}

export function Outside({ onClick }) {
  useEffect(() => {
    document.addEventListener("click", onClick, { capture: true, passive: true });
    return () => document.removeEventListener("click", onClick, { capture: true });
  }, [onClick]);
  return null;
}

// A handler kept in a ref: the same function is added and removed.
export function Resize({ onResize }) {
  const handler = useRef(onResize);
  handler.current = onResize;
  useEffect(() => {
    const listener = () => handler.current();
    window.addEventListener("resize", listener);
    return () => window.removeEventListener("resize", listener);
  }, []);
  return null;
}

export function Scroll({ onScroll }) {
  const saved = useRef(null);
  useEffect(() => {
    saved.current = () => onScroll(window.scrollY);
    window.addEventListener("scroll", saved.current);
    return () => window.removeEventListener("scroll", saved.current);
  }, [onScroll]);
  return null;
}
