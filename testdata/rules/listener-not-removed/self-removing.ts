// A listener that takes itself off when it fires is like { once: true }: in
// a component that may end before the event comes, it still needs removing
// at unmount.
import { defineComponent, ref } from "vue";

export const Player = defineComponent({
  setup() {
    const fullscreen = ref(false);
    function onEscape(e: KeyboardEvent) {
      if (e.key === "Escape") {
        fullscreen.value = false;
        document.body.removeEventListener("keydown", onEscape);
      }
    }
    function enterFullscreen() {
      fullscreen.value = true;
      document.body.addEventListener("keydown", onEscape); // want "listener-not-removed"
    }
    return { enterFullscreen };
  },
});
