// Shape: observer-polyfill (from the issue; no mined pair). A ResizeObserver
// imported from resize-observer-polyfill is the same resource as the native
// one: observed in an effect and never disconnected. leakwatch should report
// observer-not-disconnected at "<- leak" (the observe() call, as for the native one).
import { useEffect, useRef, useState } from "react";
import ResizeObserver from "resize-observer-polyfill";

export function Measured({ children }) {
  const ref = useRef(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    ro.observe(document.body); // <- leak
  }, []);
  return <div ref={ref} data-width={width}>{children}</div>;
}
