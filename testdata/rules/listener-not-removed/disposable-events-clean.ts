// Every way of disposing a VS Code/Monaco event's IDisposable that
// listener-not-removed accepts, and sources the listener dies with.
import { Component, OnDestroy } from "@angular/core";
import { useEffect } from "react";
import * as monaco from "monaco-editor";
import * as vscode from "vscode";
import { Disposable, DisposableStore, Emitter, Event, IDisposable } from "./events";

export class Registered extends Disposable {
  constructor() {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
  }

  update(): void {}

  override dispose(): void {
    super.dispose();
  }
}

export class Listed {
  private readonly disposables: IDisposable[] = [];
  private readonly store = new DisposableStore();
  private readonly toDispose: IDisposable[] = [];

  constructor(private readonly emitter: Emitter<number>) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(() => this.update()));
    this.store.add(vscode.workspace.onDidSaveTextDocument(() => this.update()));
    this.toDispose.push(Listed.shared.event(() => this.update()));
    // The disposables argument forms: the list disposes them.
    vscode.workspace.onDidOpenTextDocument(this.update, this, this.disposables);
    vscode.workspace.onDidCloseTextDocument(() => this.update(), null, this.toDispose);
    // Event.once removes itself after the first event.
    Event.once(vscode.workspace.onDidRenameFiles)(() => this.update());
  }

  private static shared = new Emitter<void>();

  update(): void {}

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.store.dispose();
    this.toDispose.forEach((d) => d.dispose());
  }
}

@Component({ selector: "app-code", template: "<div></div>" })
export class KeptInField implements OnDestroy {
  private contentListener?: IDisposable;
  private model?: monaco.editor.ITextModel;
  value = "";

  constructor(private readonly host: { onDidDispose: Event<void>; onWillClose: Event<void> }) {}

  attach(ed: monaco.editor.IStandaloneCodeEditor): void {
    // A listener for its source's own end runs when the source goes away.
    this.host.onDidDispose(() => (this.value = ""));
    this.host.onWillClose(() => (this.value = ""));
    this.contentListener = ed.getModel()!.onDidChangeContent(() => (this.value = ed.getValue()));
    // A model the component creates and disposes takes its listeners along.
    this.model = monaco.editor.createModel("", "json");
    this.model.onDidChangeContent(() => (this.value = this.model!.getValue()));
  }

  ngOnDestroy(): void {
    this.contentListener?.dispose();
    this.model?.dispose();
  }
}

export class HandedOut {
  private watching = 0;

  // Returned: the caller disposes it.
  watch(): IDisposable {
    return vscode.workspace.onDidChangeTextDocument(() => this.watching++);
  }

  // Passed on to whoever keeps it.
  track(keep: (d: IDisposable) => void): void {
    keep(vscode.workspace.onDidDeleteFiles(() => this.watching--));
    const listener = vscode.workspace.onDidCreateFiles(() => this.watching++);
    keep(listener);
  }

  dispose(): void {
    this.watching = 0;
  }
}

// A transport over a session it is given for its own use: both end together.
export class SessionTransport {
  private received = 0;

  constructor(private readonly session: vscode.DebugSession & { onDidReceiveMessage: Event<unknown> }) {
    session.onDidReceiveMessage(() => this.received++);
  }

  dispose(): void {
    this.received = 0;
  }
}

// A local model made and used in one place dies with its owner.
export function Preview({ text }: { text: string }) {
  useEffect(() => {
    const model = monaco.editor.createModel(text);
    model.onDidChangeContent(() => console.log(model.getValue()));
    const sub = vscode.workspace.onDidChangeConfiguration(() => console.log("changed"));
    return () => {
      sub.dispose();
      model.dispose();
    };
  }, [text]);
  return null;
}

// Static emitters: a handler that holds nothing of the instance, and a
// registration made once by the class itself.
export class Counter {
  private static ticks = new Emitter<number>();
  static total = 0;

  constructor() {
    Counter.ticks.event((n) => console.log(n));
  }

  static init(): void {
    Counter.ticks.event((n) => (Counter.total += n));
  }
}

// `event` is also an analytics call, not an Event<T>.
export class Tracker {
  constructor(private readonly analytics: { event(e: object): void }) {
    analytics.event({ name: "open" });
  }

  dispose(): void {}
}
