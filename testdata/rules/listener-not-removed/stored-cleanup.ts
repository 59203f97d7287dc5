// The leaking twin of stored-cleanup-clean.ts: the cleanup is kept, but
// the unmount hook never runs it.
import { onUnmounted } from "vue";

export function useDraggable(header: HTMLElement) {
  let cleanup: undefined | (() => void);
  let frame = 0;

  function startDrag() {
    const onMove = (e: MouseEvent) => header.style.setProperty("--x", String(e.clientX));
    window.addEventListener("mousemove", onMove); // want "listener-not-removed: .mousemove. listener added to window is removed in cleanup \(line 13\), but not when the component using useDraggable ends; also call removeEventListener in an onBeforeUnmount \(or onUnmounted\) callback"
    cleanup = () => {
      window.removeEventListener("mousemove", onMove);
    };
  }

  function stopDrag() {
    if (cleanup) {
      cleanup();
      cleanup = undefined;
    }
  }

  onUnmounted(() => cancelAnimationFrame(frame));
  return { startDrag, stopDrag };
}
