// A Tiptap extension that listens to the provider its options share with
// other editors, and never stops: each destroyed editor stays reachable.
import { Extension } from "@tiptap/core";

export const Presence = Extension.create({
  name: "presence",
  onCreate() {
    this.options.provider.awareness.on("change", () => { // want "listener-not-removed: .change. listener added to this.options.provider.awareness is never removed; call off in onDestroy \(this create\(...\) object has none\)"
      this.storage.peers = this.options.provider.awareness.getStates().size;
    });
  },
});
