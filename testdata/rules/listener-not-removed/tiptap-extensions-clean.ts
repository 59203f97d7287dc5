// Tiptap extensions that take their listeners off the shared provider when
// the editor is destroyed, or listen only to their own editor.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

export const PeerCount = Extension.create({
  name: "peerCount",
  onCreate() {
    this.options.provider.on("status", this.options.onStatus);
    this.editor.on("update", () => {
      this.storage.dirty = true;
    });
  },
  onDestroy() {
    this.options.provider.off("status", this.options.onStatus);
  },
});

// A ProseMirror plugin view owns the listener and its destroy() removes it.
export const Cursors = Extension.create({
  name: "cursors",
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    const storage = this.storage;
    return [
      new Plugin({
        key: new PluginKey("cursors"),
        view: () => {
          const refresh = () => {
            storage.count = awareness.getStates().size;
          };
          awareness.on("update", refresh);
          return { destroy: () => awareness.off("update", refresh) };
        },
      }),
    ];
  },
});
