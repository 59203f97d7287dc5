// Monaco text models that are disposed, or handed to whoever disposes them.
import * as monaco from "monaco-editor";
import { onMounted, onUnmounted, shallowRef } from "vue";

export function useScratchModel(source: string) {
  const model = shallowRef<monaco.editor.ITextModel | null>(null);
  onMounted(() => {
    model.value = monaco.editor.createModel(source, "markdown");
  });
  onUnmounted(() => {
    model.value?.dispose();
  });
  return model;
}

// Returned to the caller, which owns it.
export function modelFor(uri: monaco.Uri, text: string): monaco.editor.ITextModel {
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, undefined, uri);
}

// Created once when the module loads: it lives as long as the page.
export const sharedSchemaModel = monaco.editor.createModel("{}", "json");

export class DiffPane {
  private original: monaco.editor.ITextModel;
  private modified: monaco.editor.ITextModel;
  private editor: monaco.editor.IStandaloneDiffEditor;

  constructor(host: HTMLElement, a: string, b: string) {
    this.original = monaco.editor.createModel(a, "text");
    this.modified = monaco.editor.createModel(b, "text");
    this.editor = monaco.editor.createDiffEditor(host);
    this.editor.setModel({ original: this.original, modified: this.modified });
  }

  dispose() {
    this.editor.dispose();
    this.original.dispose();
    this.modified.dispose();
  }
}
