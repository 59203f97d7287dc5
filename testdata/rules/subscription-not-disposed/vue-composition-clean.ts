import { onBeforeUnmount, onScopeDispose, onUnmounted, ref } from "vue";
import { useStore } from "vuex";
import { fromEvent, interval } from "rxjs";

export function useLastMutation() {
  const store = useStore();
  const last = ref<string | null>(null);
  const stop = store.subscribe((mutation) => {
    last.value = mutation.type;
  });
  onUnmounted(stop);
  return { last };
}

export function useWidth() {
  const width = ref(window.innerWidth);
  const sub = fromEvent(window, "resize").subscribe(() => (width.value = window.innerWidth));
  onBeforeUnmount(() => sub.unsubscribe());
  return width;
}

export function useTicker() {
  const ticks = ref(0);
  const sub = interval(1000).subscribe(() => ticks.value++);
  onScopeDispose(() => {
    sub.unsubscribe();
  });
  return ticks;
}
