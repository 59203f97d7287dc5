import { useEffect, useRef, useState } from "react";
import ResizeObserver from "resize-observer-polyfill";
import { ResizeObserver as JuggleObserver } from "@juggle/resize-observer";

// Polyfills imported as modules are the same observers as the native ones.
export function Measured() {
  const ref = useRef(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    ro.observe(ref.current); // want "observer-not-disconnected: ResizeObserver observing ref.current is never disconnected"
  }, []);
  return <div ref={ref} data-width={width} />;
}

export function Tracked() {
  const ref = useRef(null);
  useEffect(() => {
    const ro = new JuggleObserver(() => {});
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, []);
  return <div ref={ref} />;
}

// A class of this file that shares the name is not an observer.
class LocalObserver {
  observe() {}
}
export function Local() {
  useEffect(() => {
    new LocalObserver().observe();
  }, []);
  return null;
}
