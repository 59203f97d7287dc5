// A watcher that adds when open and removes when closed does not remove at
// unmount: a component that ends while open keeps its listener. Vuetify's
// genericComponent<Slots>()({...}) is a Vue component definer too.
import { defineComponent, onBeforeUnmount, ref, watch } from "vue";
import { genericComponent } from "@/util/defineComponent";

export const Overlay = genericComponent<{ default: never }>()({
  name: "Overlay",
  setup() {
    const isActive = ref(false);
    watch(isActive, (val) => {
      if (val) {
        window.addEventListener("keydown", onKeydown); // want "listener-not-removed"
      } else {
        window.removeEventListener("keydown", onKeydown);
      }
    }, { immediate: true });
    function onKeydown(e: KeyboardEvent) {
      if (e.key === "Escape") isActive.value = false;
    }
    return () => null;
  },
});

export const OverlayClean = defineComponent({
  setup() {
    const isActive = ref(false);
    watch(isActive, (val) => {
      if (val) window.addEventListener("keydown", onKeydown);
      else window.removeEventListener("keydown", onKeydown);
    });
    onBeforeUnmount(() => window.removeEventListener("keydown", onKeydown));
    function onKeydown() {}
    return () => null;
  },
});

// A gesture: added on pointerdown, removed on pointerup.
export const Drag = defineComponent({
  setup() {
    function onPointerDown() {
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onPointerUp);
    }
    function onPointerUp() {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onPointerUp);
    }
    function onMove() {}
    return { onPointerDown };
  },
});
