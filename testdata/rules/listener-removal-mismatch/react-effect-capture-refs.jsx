import { useEffect, useRef } from "react";

// Capture on the add, none on the removal: the removal never matches.
export function FocusTrap({ onFocus }) {
  useEffect(() => {
    document.addEventListener("focus", onFocus, { capture: true }); // want "listener-removal-mismatch: .focus. listener added here is never removed: removeEventListener at line 7 can never match \(the removal uses capture false\)"
    return () => document.removeEventListener("focus", onFocus); // want "listener-removal-mismatch: removeEventListener uses capture false but the listener was added with capture true"
  }, [onFocus]);
  return null;
}

// The ref's handler is replaced before the cleanup reads it.
export function Resize({ onResize }) {
  const handler = useRef(null);
  useEffect(() => {
    handler.current = () => onResize();
    window.addEventListener("resize", handler.current); // want "listener-removal-mismatch: .resize. listener added here is never removed.*inline function"
    return () => window.removeEventListener("resize", () => handler.current()); // want "listener-removal-mismatch: removeEventListener with an inline function removes nothing"
  }, [onResize]);
  return null;
}
