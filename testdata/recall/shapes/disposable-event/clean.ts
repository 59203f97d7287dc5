// Shape: disposable-event, cleaned: the returned IDisposable is kept and
// disposed with its owner.
import { Component, OnDestroy } from "@angular/core";
import type { editor, IDisposable } from "monaco-editor";
import { EventEmitter } from "./events";

@Component({ selector: "app-code", template: "<div></div>" })
export class CodeComponent implements OnDestroy {
  private editor?: editor.IStandaloneCodeEditor;
  private contentListener?: IDisposable;
  value = "";

  attach(ed: editor.IStandaloneCodeEditor): void {
    this.editor = ed;
    this.contentListener = ed.getModel()!.onDidChangeContent(() => (this.value = ed.getValue()));
  }

  ngOnDestroy(): void {
    this.contentListener?.dispose();
    this.editor?.dispose();
  }
}

export class Skipper {
  private static toggles = new EventEmitter<string>();
  private skipped = new Set<string>();
  private listener: { dispose(): void };

  constructor(private readonly sessionId: string) {
    this.listener = Skipper.toggles.event((id) => {
      if (id !== this.sessionId) this.skipped.add(id);
    });
  }

  dispose(): void {
    this.listener.dispose();
    this.skipped.clear();
  }
}
