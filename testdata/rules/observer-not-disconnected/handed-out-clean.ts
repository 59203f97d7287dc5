// Disconnects handed to someone else to run: an Observable's teardown, a
// disposable registered with the owner, a stop function returned.
import { Observable } from "rxjs";

type Disposable = { dispose(): void };

export class SharedResizeObserver {
  private readonly ro = new ResizeObserver((entries) => this.emit(entries));
  private readonly listeners = new Set<(e: ResizeObserverEntry[]) => void>();

  observe(target: Element): Observable<ResizeObserverEntry[]> {
    return new Observable((subscriber) => {
      const fn = (e: ResizeObserverEntry[]) => subscriber.next(e);
      this.listeners.add(fn);
      this.ro.observe(target);
      return () => {
        this.ro.unobserve(target);
        this.listeners.delete(fn);
      };
    });
  }

  private emit(entries: ResizeObserverEntry[]): void {
    this.listeners.forEach((fn) => fn(entries));
  }

  destroy(): void {
    this.listeners.clear();
  }
}

export class Editor {
  private readonly toDispose: Disposable[] = [];

  constructor(private readonly root: HTMLElement) {
    const mo = new MutationObserver(() => this.sync());
    mo.observe(root, { subtree: true, characterData: true });
    this.toDispose.push({
      dispose() {
        mo.disconnect();
      },
    });
  }

  watchSize(el: Element, fn: () => void): () => void {
    const ro = new ResizeObserver(fn);
    ro.observe(el);
    return () => ro.disconnect();
  }

  sync(): void {}

  dispose(): void {
    this.toDispose.forEach((d) => d.dispose());
  }
}
