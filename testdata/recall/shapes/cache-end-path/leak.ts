// Shape: cache-end-path. A composable adds its entry to a module-level
// registry in one branch of a watcher and deletes it in the other; there is a
// delete in the file, but not on the entity's end path (scope dispose), so
// every component unmounted while retaining focus stays in the Map.
// leakwatch should report unbounded-cache at "<- leak".
import { watch, type Ref } from "vue";

const registry = new Map<symbol, { active: Ref<boolean>; el: Ref<HTMLElement | undefined> }>();

export function useFocusTrap(props: { retainFocus: boolean }, active: Ref<boolean>, el: Ref<HTMLElement | undefined>) {
  const id = Symbol("trap");
  watch(() => props.retainFocus, (retain) => {
    if (retain) {
      registry.set(id, { active, el }); // <- leak
    } else {
      registry.delete(id);
    }
  }, { immediate: true });
  return { isTop: () => [...registry.keys()].at(-1) === id };
}
