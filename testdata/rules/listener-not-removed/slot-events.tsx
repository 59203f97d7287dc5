// A signal object that is its own event (BlockSuite's Slot and the
// libraries like it) takes no event name: `slot.on(fn)` returns the
// disposable that removes the listener. Dropping it keeps the listener,
// and the component its handler closes over, as long as the slot's owner.
import { useEffect, useState } from "react";

interface Disposable {
  dispose(): void;
}
interface Slot<T> {
  on(fn: (v: T) => void): Disposable;
}
interface Workspace {
  meta: { titlesChanged: Slot<void>; title: string };
}

export function useWorkspaceTitle(workspace: Workspace) {
  const [title, setTitle] = useState(workspace.meta.title);
  useEffect(() => {
    workspace.meta.titlesChanged.on(() => { // want "listener-not-removed: on listener added to workspace.meta.titlesChanged is never removed: the disposable it returns is dropped; keep it and dispose it in the cleanup function useEffect returns"
      setTitle(workspace.meta.title);
    });
  }, [workspace]);
  return title;
}

export function HistoryButtons({ history }: { history: { changed: Slot<number>; size: number } }) {
  const [size, setSize] = useState(0);
  useEffect(() => {
    function onChange(n: number) {
      setSize(n);
    }
    const kept = history.changed.on(onChange); // want "listener-not-removed: on listener added to history.changed is never removed: the disposable it returns is dropped"
    console.log("listening", size);
  }, [history]);
  return <span>{size}</span>;
}
