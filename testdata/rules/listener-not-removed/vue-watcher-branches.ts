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

// A gesture on window: added on pointerdown, removed on pointerup. The
// component may end mid-drag, so its teardown must remove them too.
export const Drag = defineComponent({
  setup() {
    function onPointerDown() {
      window.addEventListener("pointermove", onMove); // want "listener-not-removed"
      window.addEventListener("pointerup", onPointerUp); // want "listener-not-removed"
    }
    function onPointerUp() {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onPointerUp);
    }
    function onMove() {}
    return { onPointerDown };
  },
});

export const DragClean = defineComponent({
  setup() {
    function onPointerDown() {
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onPointerUp);
    }
    function onPointerUp() {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onPointerUp);
    }
    onBeforeUnmount(onPointerUp);
    function onMove() {}
    return { onPointerDown };
  },
});

// On the component's own element the gesture's listeners die with it.
export const DragOnElement = defineComponent({
  setup() {
    const el = ref<HTMLElement>();
    function onPointerDown() {
      el.value?.addEventListener("pointermove", onMove);
      el.value?.addEventListener("pointerup", onPointerUp);
    }
    function onPointerUp() {
      el.value?.removeEventListener("pointermove", onMove);
      el.value?.removeEventListener("pointerup", onPointerUp);
    }
    function onMove() {}
    return { el, onPointerDown };
  },
});
