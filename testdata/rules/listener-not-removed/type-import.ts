// A composable whose file imports Vue's types alone: the fix must import
// the unmount hook as a value, in an import of its own, not beside Ref in
// the type-only import (TS1361).
import type { Ref } from "vue";

declare const bus: { on(event: string, fn: (n: number) => void): void; off(event: string, fn: (n: number) => void): void };

export function useCount(count: Ref<number>) {
  const onBump = (n: number) => {
    count.value += n;
  };
  bus.on("bump", onBump); // want "listener-not-removed"
  return count;
}
