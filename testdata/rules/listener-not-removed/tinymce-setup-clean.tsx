import { useEffect, useRef } from "react";

// tinymce.init hands the editor it creates to the setup and
// init_instance_callback options: listeners on that editor go with it
// when the component removes it.
export function NoteEditor({ onOpen, onDrop }: { onOpen: () => void; onDrop: () => void }) {
  const editor = useRef<any>(null);
  useEffect(() => {
    (window as any).tinymce.init({
      selector: "#note",
      setup: (ed: any) => {
        ed.on("DblClick", onOpen);
        editor.current = ed;
      },
      init_instance_callback(ed: any) {
        ed.on("drop", onDrop);
      },
    });
    return () => editor.current?.remove();
  }, [onOpen, onDrop]);
  return <textarea id="note" />;
}
