// A drag kept in a variable the start assigns a cleanup to: the unmount
// hook runs stopDrag, which calls whatever cleanup holds, and that removes
// the window listeners.
import { onUnmounted } from "vue";

export function useDraggable(header: HTMLElement) {
  let cleanup: undefined | (() => void);

  function startDrag() {
    const onMove = (e: MouseEvent) => header.style.setProperty("--x", String(e.clientX));
    const onUp = () => stopDrag();
    window.addEventListener("mousemove", onMove);
    window.addEventListener("mouseup", onUp);
    cleanup = () => {
      window.removeEventListener("mousemove", onMove);
      window.removeEventListener("mouseup", onUp);
    };
  }

  function stopDrag() {
    if (cleanup) {
      cleanup();
      cleanup = undefined;
    }
  }

  onUnmounted(stopDrag);
  return { startDrag, stopDrag };
}
