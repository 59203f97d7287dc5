import { useEffect } from "react";
import { unlisten } from "./dom";

export function Chart({ onResize }) {
  useEffect(() => {
    window.addEventListener("resize", onResize);
    return () => unlisten(window, "resize", onResize);
  }, [onResize]);
  return null;
}
