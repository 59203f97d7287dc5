import { onMounted, onUnmounted, ref, type Ref } from "vue";

export function useElementSize(target: Ref<HTMLElement | null>) {
  const width = ref(0);
  const observer = new ResizeObserver(([entry]) => (width.value = entry.contentRect.width));
  onMounted(() => {
    if (target.value) observer.observe(target.value); // want "observer-not-disconnected"
  });
  return { width };
}

export function useDomChanges(root: HTMLElement, onChange: () => void) {
  const mo = new MutationObserver(onChange);
  mo.observe(root, { subtree: true, attributes: true }); // want "observer-not-disconnected"
  onUnmounted(() => {
    console.debug("dom watcher gone");
  });
}

// Clean shapes.

export function useCleanElementSize(target: Ref<HTMLElement | null>) {
  const width = ref(0);
  const observer = new ResizeObserver(([entry]) => (width.value = entry.contentRect.width));
  onMounted(() => {
    if (target.value) observer.observe(target.value);
  });
  onUnmounted(() => observer.disconnect());
  return { width };
}

// The caller gets the observer and owns it.
export function useObserverFactory(cb: MutationCallback) {
  function watch(el: Element): MutationObserver {
    const mo = new MutationObserver(cb);
    mo.observe(el, { childList: true });
    return mo;
  }
  return { watch };
}
