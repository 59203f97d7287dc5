// A hook of a Svelte module known only by its name: nothing else in the
// file says what calls it, or when what it registers ends.
type Bus = { on(type: string, fn: () => void): void; off(type: string, fn: () => void): void };

export const useTicks = (bus: Bus, tick: () => void) => {
  bus.on("tick", tick); // want "listener-not-removed"
  return tick;
};

// Named like a hook, but not one: `user` is no `useX`.
export function user(bus: Bus, fn: () => void) {
  bus.on("login", fn);
}
