// Fixes that must compile in a strict TypeScript project.
import { useEffect, useState } from "react";

// The inline handler takes its parameter's type from addEventListener;
// moved into a constant it has none (TS7006), so the removal fix is
// offered as unsafe, for a person to add the type.
export function Shortcuts({ onSave }: { onSave: () => void }) {
  useEffect(() => {
    window.addEventListener("keydown", (e) => { // want "listener-not-removed"
      if (e.key === "s" && e.ctrlKey) onSave();
    });
  }, [onSave]);
  return null;
}

// Typed, it moves safely.
export function Width() {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    window.addEventListener("resize", (_e: UIEvent) => setWidth(window.innerWidth)); // want "listener-not-removed"
  }, []);
  return <span>{width}</span>;
}
