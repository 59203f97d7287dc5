type Disposable = { dispose(): void };

export class LayoutTracker {
  private observer: ResizeObserver;

  constructor(private readonly el: HTMLElement, onResize: () => void) {
    this.observer = new ResizeObserver(onResize);
    this.observer.observe(el); // want "observer-not-disconnected"
  }

  dispose(): void {
    console.debug("layout tracker disposed");
  }
}

export class WebVitals {
  start(report: (e: PerformanceEntry) => void): void {
    const po = new PerformanceObserver((list) => list.getEntries().forEach(report));
    po.observe({ type: "layout-shift", buffered: true }); // want "observer-not-disconnected"
  }

  stop(): void {}
}

export class DeprecationReporter {
  constructor() {
    new ReportingObserver((reports) => console.warn(reports), { types: ["deprecation"] }).observe(); // want "observer-not-disconnected"
  }

  destroy(): void {}
}

// Clean shapes.

export class CleanTracker {
  private readonly disposables: Disposable[] = [];

  constructor(el: HTMLElement, onResize: () => void) {
    const ro = new ResizeObserver(onResize);
    ro.observe(el);
    this.disposables.push({ dispose: () => ro.disconnect() });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

export class CleanVitals {
  private observers: PerformanceObserver[] = [];

  start(report: (e: PerformanceEntry) => void): void {
    const po = new PerformanceObserver((list) => list.getEntries().forEach(report));
    po.observe({ type: "layout-shift", buffered: true });
    this.observers.push(po);
  }

  stop(): void {
    for (const o of this.observers) o.disconnect();
    this.observers = [];
  }
}

export class CleanWatcher {
  private mo?: MutationObserver;

  watch(root: Node): void {
    this.mo = new MutationObserver(() => this.sync());
    this.mo.observe(root, { subtree: true, childList: true });
  }

  sync(): void {}

  close(): void {
    release(this.mo);
  }
}

function release(o?: MutationObserver): void {
  o?.disconnect();
}

// Lazy loading: each image is unobserved once it has loaded.
export class LazyImages {
  private io: IntersectionObserver;

  constructor(root: ParentNode) {
    this.io = new IntersectionObserver(this.onIntersect, { rootMargin: "100px" });
    root.querySelectorAll("img[data-src]").forEach((img) => this.io.observe(img));
  }

  private onIntersect = (entries: IntersectionObserverEntry[], observer: IntersectionObserver): void => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      (e.target as HTMLImageElement).src = (e.target as HTMLElement).dataset.src!;
      observer.unobserve(e.target);
    }
  };

  destroy(): void {}
}
