// Hooks of a Svelte module: each component that calls one runs it once
// while it initialises, so what a hook leaves on an object it was given
// (or on window) stays after that component is destroyed.
import { onDestroy } from "svelte";

type Bus = { on(type: string, fn: () => void): void; off(type: string, fn: () => void): void };

export const useSelection = (bus: Bus, read: () => string) => {
  let current = $state(read());
  const refresh = () => {
    current = read();
  };
  bus.on("selection", refresh); // want "listener-not-removed"
  return {
    get value() {
      return current;
    },
  };
};

export function useWindowWidth() {
  let width = $state(window.innerWidth);
  window.addEventListener("resize", () => (width = window.innerWidth)); // want "listener-not-removed"
  return () => width;
}

// Not named as a hook, but it uses onDestroy, so components call it while
// they initialise; the teardown it has forgets the second listener.
export function trackFocus(bus: Bus, onFocus: () => void, onBlur: () => void) {
  bus.on("focus", onFocus);
  bus.on("blur", onBlur); // want "listener-not-removed"
  onDestroy(() => bus.off("focus", onFocus));
}
