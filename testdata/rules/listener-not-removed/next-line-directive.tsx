import { useEffect } from "react";

// The cleanup goes above a comment that speaks of the line after it: the
// directive must stay on the line before `}, [])`.
export function Keymap() {
  useEffect(() => {
    const onChange = () => {};
    window.addEventListener("resize", onChange); // want "listener-not-removed: .resize. listener added to window is never removed; call removeEventListener in the cleanup function useEffect returns"
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}
