// A composable in the style of VueUse's useResizeObserver / useMutationObserver.
import { getCurrentScope, onScopeDispose, unref, watch, type MaybeRef } from "vue";

function tryOnScopeDispose(fn: () => void): boolean {
  if (getCurrentScope()) {
    onScopeDispose(fn);
    return true;
  }
  return false;
}

export function useResizeObserver(
  target: MaybeRef<Element | null | undefined>,
  callback: ResizeObserverCallback,
  options: ResizeObserverOptions = {},
) {
  let observer: ResizeObserver | undefined;

  const cleanup = () => {
    if (observer) {
      observer.disconnect();
      observer = undefined;
    }
  };

  const stopWatch = watch(
    () => unref(target),
    (el) => {
      cleanup();
      if (el) {
        observer = new ResizeObserver(callback);
        observer.observe(el, options);
      }
    },
    { immediate: true },
  );

  const stop = () => {
    cleanup();
    stopWatch();
  };

  tryOnScopeDispose(stop);

  return { stop };
}

export function useMutationObserver(target: MaybeRef<Node | null>, callback: MutationCallback) {
  let observer: MutationObserver | undefined;
  const stopWatch = watch(
    () => unref(target),
    (el) => {
      observer?.disconnect();
      if (el) {
        observer = new MutationObserver(callback);
        observer.observe(el, { childList: true, subtree: true });
      }
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    stopWatch();
    observer?.disconnect();
  });
}
