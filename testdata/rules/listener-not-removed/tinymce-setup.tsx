import { useEffect } from "react";

// What setup registers on anything but the editor it is given (the page,
// an object it closes over) is reported as anywhere else.
export function NoteEditor({ bus, onKey }: { bus: any; onKey: () => void }) {
  useEffect(() => {
    (window as any).tinymce.init({
      selector: "#note",
      setup: (ed: any) => {
        document.addEventListener("keydown", onKey); // want "listener-not-removed: .keydown. listener added to document is never removed; call removeEventListener in the cleanup function useEffect returns"
        bus.on("saved", () => ed.setDirty(false)); // want "listener-not-removed: .saved. listener added to bus is never removed"
      },
    });
  }, [bus, onKey]);
  return <textarea id="note" />;
}
