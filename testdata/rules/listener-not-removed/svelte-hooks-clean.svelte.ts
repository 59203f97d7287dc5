// Svelte module hooks that take off what they add, in every way Svelte
// runs code when the calling component is destroyed.
import { onDestroy } from "svelte";

type Bus = { on(type: string, fn: () => void): void; off(type: string, fn: () => void): void };

// onDestroy in the hook.
export function useSelection(bus: Bus, read: () => string) {
  let current = $state(read());
  const refresh = () => {
    current = read();
  };
  bus.on("selection", refresh);
  onDestroy(() => bus.off("selection", refresh));
  return () => current;
}

// The function an $effect in the hook returns.
export function useWindowWidth() {
  let width = $state(window.innerWidth);
  const onResize = () => (width = window.innerWidth);
  window.addEventListener("resize", onResize);
  $effect(() => {
    return () => window.removeEventListener("resize", onResize);
  });
  return () => width;
}

// Added and removed inside the effect itself.
export function useBusCount(bus: Bus) {
  let count = $state(0);
  $effect.pre(() => {
    const bump = () => count++;
    bus.on("change", bump);
    return () => bus.off("change", bump);
  });
  return () => count;
}

// A store whose subscribers add the listener and the last one removes it.
export function useStore(bus: Bus, read: () => string) {
  const listeners = new Set<(v: string) => void>();
  const changed = () => listeners.forEach((l) => l(read()));
  return {
    subscribe(run: (v: string) => void) {
      if (listeners.size === 0) bus.on("change", changed);
      listeners.add(run);
      return () => {
        listeners.delete(run);
        if (listeners.size === 0) bus.off("change", changed);
      };
    },
  };
}

// A plain function of the module, called from anywhere: not a hook.
export function attach(bus: Bus, fn: () => void) {
  bus.on("change", fn);
}

// Module top level runs once.
window.addEventListener("beforeunload", () => {});
