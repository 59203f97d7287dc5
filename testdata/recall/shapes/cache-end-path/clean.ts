// Shape: cache-end-path, cleaned: the entry is also deleted when the scope ends.
import { onScopeDispose, watch, type Ref } from "vue";

const registry = new Map<symbol, { active: Ref<boolean>; el: Ref<HTMLElement | undefined> }>();

export function useFocusTrap(props: { retainFocus: boolean }, active: Ref<boolean>, el: Ref<HTMLElement | undefined>) {
  const id = Symbol("trap");
  watch(() => props.retainFocus, (retain) => {
    if (retain) {
      registry.set(id, { active, el });
    } else {
      registry.delete(id);
    }
  }, { immediate: true });
  onScopeDispose(() => registry.delete(id));
  return { isTop: () => [...registry.keys()].at(-1) === id };
}
