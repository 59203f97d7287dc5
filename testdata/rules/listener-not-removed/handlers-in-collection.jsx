import { useEffect } from "react";

// The handlers are filed in a Map, but the cleanup only clears it: the
// listeners stay on the elements.
export function HoverCells({ root, onHover }) {
  useEffect(() => {
    const byCell = new Map();
    root.querySelectorAll(".cell").forEach((cell) => {
      const enter = () => onHover(cell);
      cell.addEventListener("mouseenter", enter); // want "listener-not-removed: .mouseenter. listener added to cell is never removed"
      byCell.set(cell, enter);
    });
    return () => byCell.clear();
  }, [root, onHover]);
  return null;
}

// The loop removes another event than the one added.
export function Resizers({ handles, onDrag }) {
  useEffect(() => {
    const added = [];
    handles.forEach((el) => {
      const down = (e) => onDrag(el, e);
      window.addEventListener("pointerdown", down); // want "listener-not-removed: .pointerdown. listener added to window is never removed; call removeEventListener in the cleanup function useEffect returns"
      added.push(down);
    });
    return () => {
      for (const down of added) window.removeEventListener("pointerup", down);
    };
  }, [handles, onDrag]);
  return null;
}
