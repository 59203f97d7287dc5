// Odd shapes that must neither crash the rule nor be reported.
import { useEffect } from "react";

export function Odd({ fns }) {
  useEffect(() => {
    setTimeout();
    requestAnimationFrame();
    const ids = fns.map((fn) => setInterval(fn, 1000));
    window["setInterval"](fns[0], 10);
    (0, setTimeout)(fns[1], 10);
    return () => ids.forEach(clearInterval);
  }, [fns]);
  return null;
}

export class Shadowed {
  setInterval(fn) {
    return fn;
  }

  start() {
    this.setInterval(() => {});
  }

  dispose() {}
}

// A loop function outside any owner, kicked off from an effect.
function pollForever() {
  setTimeout(pollForever, 1000);
}

export function Starter() {
  useEffect(() => {
    pollForever();
  }, []);
  return null;
}
