export class Scroller {
  attach() {
    window.addEventListener("scroll", this.onScroll.bind(this)); // want "listener added here is never removed"
    document.addEventListener("keydown", this.onKey.bind(this)); // want "listener added here is never removed"
  }

  dispose() {
    window.removeEventListener("scroll", this.onScroll.bind(this)); // want "listener-removal-mismatch"
    document.removeEventListener("keydown", this.onKey); // want "listener-removal-mismatch"
  }

  onScroll() {}
  onKey() {}
}

export function attach(el) {
  el.addEventListener("click", () => console.log("hi")); // want "listener added here is never removed"
  return () => el.removeEventListener("click", () => console.log("hi")); // want "listener-removal-mismatch"
}

export function capture(onFocus) {
  window.addEventListener("focus", onFocus, true); // want "listener added here is never removed"
  return () => window.removeEventListener("focus", onFocus); // want "listener-removal-mismatch"
}

export function captureObject(onBlur) {
  window.addEventListener("blur", onBlur, { capture: true, passive: true }); // want "listener added here is never removed"
  return () => window.removeEventListener("blur", onBlur, false); // want "listener-removal-mismatch"
}

export function otherTarget(onResize) {
  window.addEventListener("resize", onResize); // want "listener added here is never removed"
  return () => document.removeEventListener("resize", onResize); // want "listener-removal-mismatch"
}

export function emitterInline(emitter) {
  emitter.on("data", (d) => console.log(d)); // want "listener added here is never removed"
  return () => emitter.off("data", (d) => console.log(d)); // want "listener-removal-mismatch"
}

import { useEffect } from "react";

export function useWindowSize(onResize) {
  useEffect(() => {
    const handler = () => onResize(window.innerWidth);
    window.addEventListener("resize", handler); // want "listener-removal-mismatch"
    return () => {
      window.removeEventListener("resize", onResize); // want "listener-removal-mismatch"
    };
  }, []);
}

// A directive's hooks receive the same host element under the same name.
export const tooltip = {
  bindEvents(el) {
    el.addEventListener("keydown", this.onKeydown.bind(this)); // want "listener added here is never removed"
  },
  unbindEvents(el) {
    el.removeEventListener("keydown", this.onKeydown.bind(this)); // want "listener-removal-mismatch"
  },
  onKeydown() {},
};
