// Shape: observer-polyfill (from the issue; no mined pair). A ResizeObserver
// imported from resize-observer-polyfill is the same resource as the native
// one: observed in an effect and never disconnected. leakwatch should report
// observer-not-disconnected at "<- leak".
import { useEffect, useRef, useState } from "react";
import ResizeObserver from "resize-observer-polyfill";

export function Measured({ children }) {
  const ref = useRef(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width)); // <- leak
    ro.observe(document.body);
  }, []);
  return <div ref={ref} data-width={width}>{children}</div>;
}
