// The JavaScript side of disposable-events.ts: no field declarations, so
// the fix keeps the IDisposable on the instance as it is assigned.
import * as vscode from "vscode";

export class ConfigWatcher {
  constructor(onChange) {
    this.onChange = onChange;
    vscode.workspace.onDidChangeConfiguration((e) => this.onChange(e)); // want "listener-not-removed: onDidChangeConfiguration listener added to vscode.workspace is never removed: the IDisposable it returns is dropped; keep it and dispose it in dispose"
  }

  dispose() {
    this.onChange = null;
  }
}

export class CleanWatcher {
  constructor(onChange) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => onChange(e));
  }

  dispose() {
    this.listener.dispose();
  }
}
