// The file imports Vue's types and, separately, values: the fix adds the
// hook to the value import.
import type { Ref } from "vue";
import { computed } from "vue";

declare const bus: { on(event: string, fn: (n: number) => void): void; off(event: string, fn: (n: number) => void): void };

export function useDoubled(count: Ref<number>) {
  const onBump = (n: number) => {
    count.value += n;
  };
  bus.on("bump", onBump); // want "listener-not-removed"
  return computed(() => count.value * 2);
}
