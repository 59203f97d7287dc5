// Shape: observer-polyfill, cleaned: the effect disconnects the observer.
import { useEffect, useRef, useState } from "react";
import ResizeObserver from "resize-observer-polyfill";

export function Measured({ children }) {
  const ref = useRef(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    ro.observe(document.body);
    return () => ro.disconnect();
  }, []);
  return <div ref={ref} data-width={width}>{children}</div>;
}
