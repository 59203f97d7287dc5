import { defineComponent, onUnmounted, ref } from "vue";
import { useStore } from "vuex";
import { fromEvent } from "rxjs";
import { map } from "rxjs/operators";

export function useLastMutation() {
  const store = useStore();
  const last = ref<string | null>(null);
  store.subscribe((mutation) => { // want "subscription-not-disposed"
    last.value = mutation.type;
  });
  return { last };
}

export default defineComponent({
  name: "ViewportSize",
  setup() {
    const width = ref(window.innerWidth);
    fromEvent(window, "resize") // want +2 "subscription-not-disposed"
      .pipe(map(() => window.innerWidth))
      .subscribe((w) => (width.value = w));
    onUnmounted(() => console.log("viewport size unmounted"));
    return { width };
  },
});
