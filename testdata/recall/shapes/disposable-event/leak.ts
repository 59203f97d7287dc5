// Shape: disposable-event. VS Code/Monaco-style events (onDidX(fn), or an
// Emitter's .event(fn)) return an IDisposable; dropping it keeps the listener
// for as long as the source lives. leakwatch should report listener-not-removed
// at each "<- leak".
import { Component, OnDestroy } from "@angular/core";
import type { editor } from "monaco-editor";
import { EventEmitter } from "./events";

@Component({ selector: "app-code", template: "<div></div>" })
export class CodeComponent implements OnDestroy {
  private editor?: editor.IStandaloneCodeEditor;
  value = "";

  attach(ed: editor.IStandaloneCodeEditor): void {
    this.editor = ed;
    ed.getModel()!.onDidChangeContent(() => (this.value = ed.getValue())); // <- leak
  }

  ngOnDestroy(): void {
    this.editor?.dispose();
  }
}

export class Skipper {
  private static toggles = new EventEmitter<string>();
  private skipped = new Set<string>();

  constructor(private readonly sessionId: string) {
    Skipper.toggles.event((id) => { // <- leak
      if (id !== this.sessionId) this.skipped.add(id);
    });
  }

  dispose(): void {
    this.skipped.clear();
  }
}
