import { useEffect } from "react";

// Handlers filed in a Map per element, removed by a forEach over the Map.
export function HoverCells({ root, onHover }) {
  useEffect(() => {
    const byCell = new Map();
    root.querySelectorAll(".cell").forEach((cell) => {
      const enter = () => onHover(cell);
      const leave = () => onHover(null);
      cell.addEventListener("mouseenter", enter);
      cell.addEventListener("mouseleave", leave);
      byCell.set(cell, { enter, leave: leave });
    });
    return () => {
      byCell.forEach((h, cell) => {
        cell.removeEventListener("mouseenter", h.enter);
        cell.removeEventListener("mouseleave", h.leave);
      });
      byCell.clear();
    };
  }, [root, onHover]);
  return null;
}

// Pairs pushed on an array, removed by for...of over it.
export function Resizers({ handles, onDrag }) {
  useEffect(() => {
    const added = [];
    handles.forEach((el) => {
      const down = (e) => onDrag(el, e);
      window.addEventListener("pointerdown", down);
      added.push([el, down]);
    });
    return () => {
      for (const [, down] of added) {
        window.removeEventListener("pointerdown", down);
      }
    };
  }, [handles, onDrag]);
  return null;
}

// An object indexed by id, removed by for...of over its values.
export function Watchers({ ids, bus, onChange }) {
  useEffect(() => {
    const byId = new Map();
    for (const id of ids) {
      const h = () => onChange(id);
      bus.addEventListener("change", h);
      byId.set(id, h);
    }
    return () => {
      for (const h of byId.values()) bus.removeEventListener("change", h);
    };
  }, [ids, bus, onChange]);
  return null;
}
