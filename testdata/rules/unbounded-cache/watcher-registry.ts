// A composable adds its entry to a module-level registry when a flag turns
// on and removes it when the flag turns off, in the same watcher: a
// component that ends while the flag is on leaves its entry behind.
import { onBeforeUnmount, Ref, watch } from "vue";

const registry = new Map<symbol, { isActive: Ref<boolean> }>();
const openSet = new Set<symbol>();

export function useTrap(props: { retain: boolean }, isActive: Ref<boolean>) {
  const id = Symbol("trap");
  watch(() => props.retain, (on) => {
    if (on) {
      registry.set(id, { isActive }); // want "unbounded-cache"
    } else {
      registry.delete(id);
    }
  }, { immediate: true });
}

export function useOpen(isOpen: Ref<boolean>) {
  const id = Symbol("open");
  watch(isOpen, (on) => {
    if (on) openSet.add(id);
    else openSet.delete(id);
  });
  onBeforeUnmount(() => openSet.delete(id));
}
