// Every way a slot listener's disposable is kept and disposed, and the
// one-argument on() calls that are no slot.
import { useEffect, useState } from "react";
import $ from "jquery";

interface Disposable {
  dispose(): void;
}
interface Slot<T> {
  on(fn: (v: T) => void): Disposable;
  dispose(): void;
}
interface Workspace {
  meta: { titlesChanged: Slot<void>; title: string };
  slots: { pageAdded: Slot<string> };
}

export function useWorkspaceTitle(workspace: Workspace) {
  const [title, setTitle] = useState(workspace.meta.title);
  // The disposable is disposed by the effect's cleanup.
  useEffect(() => {
    const sub = workspace.meta.titlesChanged.on(() => setTitle(workspace.meta.title));
    return () => sub.dispose();
  }, [workspace]);
  // Returned as the cleanup itself.
  useEffect(() => {
    const d = workspace.slots.pageAdded.on((id) => console.log(id));
    return () => {
      d.dispose();
    };
  }, [workspace]);
  return title;
}

// The owner disposes the slot itself, and every listener with it.
export function useOwnSlot(make: () => Slot<number>) {
  const [n, setN] = useState(0);
  useEffect(() => {
    const slot = make();
    slot.on((v) => setN(v));
    return () => slot.dispose();
  }, [make]);
  return n;
}

// Handed to a list the owner disposes.
export class Panel {
  private disposables: Disposable[] = [];

  constructor(private workspace: Workspace) {
    this.disposables.push(workspace.slots.pageAdded.on((id) => this.show(id)));
  }

  show(id: string) {
    console.log(id);
  }

  dispose() {
    this.disposables.forEach((d) => d.dispose());
  }
}

// jQuery's on() given an object of handlers, and a method reference whose
// meaning is unknown: neither is read as a slot.
export function Toolbar({ el, bus }: { el: HTMLElement; bus: { on(h: unknown): void }; }) {
  useEffect(() => {
    $(el).on({ click: () => console.log("click") });
  }, [el]);
  useEffect(() => {
    bus.on(Toolbar.handler);
  }, [bus]);
  return null;
}
Toolbar.handler = () => {};
