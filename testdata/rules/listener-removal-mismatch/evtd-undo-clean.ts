// The clean twin of evtd-undo.ts: the cleanup calls evtd's off with the
// same target, event and handler the setup gave on.
import { on, off } from "evtd";

export function draggable(header: HTMLElement, onMove: (e: MouseEvent) => void, onUp: () => void) {
  on("mousedown", header, onUp);
  on("mousemove", window, onMove);
  const cleanup = () => {
    off("mousedown", header, onUp);
    off("mousemove", window, onMove);
  };
  return cleanup;
}
