// A cleanup that calls evtd's on where off was meant adds the listeners
// again instead of removing them.
import { on, off } from "evtd";

export function draggable(header: HTMLElement, onMove: (e: MouseEvent) => void, onUp: () => void) {
  on("mousemove", window, onMove);
  on("mouseup", window, onUp);
  const cleanup = () => {
    off("mousedown", header, onUp);
    on("mousemove", window, onMove); // want "on in cleanup adds the .mousemove. listener again instead of removing it; off was meant"
  };
  return cleanup;
}
