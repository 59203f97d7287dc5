// Odd shapes that must neither crash the rule nor be reported.
import { useEffect } from "react";

class ResizeObserverPolyfill {
  observe() {}
}

export function Odd({ el }) {
  useEffect(() => {
    const a = new ResizeObserver();
    a.observe();
    a.disconnect();
    const store = { observe() {} };
    store.observe(el);
    const observers = [new MutationObserver(() => {})];
    observers[0].observe(el, { childList: true });
    const fake = new ResizeObserverPolyfill();
    fake.observe(el);
    return () => observers.forEach((o) => o.disconnect());
  }, [el]);
  return null;
}

// A local class that shares the name is not the browser's.
export function Shadow({ el }) {
  class IntersectionObserver {
    observe() {}
  }
  useEffect(() => {
    new IntersectionObserver().observe(el);
  }, [el]);
  return null;
}
