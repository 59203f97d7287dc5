// VS Code and Monaco events return an IDisposable: the listener stays until
// it is disposed. Dropping it leaks the listener (and the owner its handler
// closes over) for as long as the event's source lives.
import { Component, OnDestroy } from "@angular/core";
import { useEffect } from "react";
import type { editor } from "monaco-editor";
import * as vscode from "vscode";
import { Disposable, Emitter } from "./events";

@Component({ selector: "app-code", template: "<div></div>" })
export class CodeEditorComponent implements OnDestroy {
  private editor?: editor.IStandaloneCodeEditor;
  value = "";

  attach(ed: editor.IStandaloneCodeEditor): void {
    this.editor = ed;
    this.listen();
  }

  // Runs again whenever the editor's model is replaced.
  private listen(): void {
    const model = this.editor!.getModel()!;
    model.onDidChangeContent(() => { // want "listener-not-removed: onDidChangeContent listener added to model is never removed: the IDisposable it returns is dropped; keep it and dispose it in ngOnDestroy"
      this.value = model.getValue();
    });
  }

  ngOnDestroy(): void {
    this.editor?.dispose();
  }
}

// A disposable session registering on the host's long-lived events.
export class SessionView {
  private title = "";

  constructor() {
    vscode.window.onDidChangeActiveTextEditor((e) => (this.title = e?.document.fileName ?? "")); // want "listener-not-removed: onDidChangeActiveTextEditor listener added to vscode.window is never removed.*IDisposable.*in dispose"
  }

  dispose(): void {
    this.title = "";
  }
}

// Kept in a local that nothing reads: as good as dropped.
export class StatusItem {
  private count = 0;

  start(): void {
    const listener = vscode.workspace.onWillSaveTextDocument(() => this.count++); // want "listener-not-removed: onWillSaveTextDocument listener added to vscode.workspace"
  }

  dispose(): void {
    this.count = 0;
  }
}

// Each instance registers on an emitter all instances share.
export class Skipper {
  private static toggles = new Emitter<string>();
  private skipped = new Set<string>();

  constructor(private readonly id: string) {
    Skipper.toggles.event((other) => { // want "listener-not-removed: event listener added to Skipper.toggles is never removed.*dispose it in dispose"
      if (other !== this.id) this.skipped.add(other);
    });
  }

  dispose(): void {
    this.skipped.clear();
  }
}

// The same without any teardown: the static emitter still outlives every
// instance.
export class SharedToggles {
  private static changes = new Emitter<string>();
  private seen: string[] = [];

  constructor() {
    SharedToggles.changes.event((id) => this.seen.push(id)); // want "listener-not-removed: event listener added to SharedToggles.changes is never removed.*SharedToggles has none.*outlives every instance"
  }
}

export function Minimap({ ed }: { ed: editor.IStandaloneCodeEditor }) {
  useEffect(() => {
    ed.onDidScrollChange(() => console.log(ed.getScrollTop())); // want "listener-not-removed: onDidScrollChange listener added to ed"
  }, [ed]);
  return null;
}

// A VS Code Disposable hands what it registers to this._register.
export class Outline extends Disposable {
  constructor() {
    super();
    vscode.window.onDidChangeTextEditorSelection(() => this.reveal()); // want "listener-not-removed: onDidChangeTextEditorSelection listener added to vscode.window"
  }

  reveal(): void {}

  override dispose(): void {
    super.dispose();
  }
}
