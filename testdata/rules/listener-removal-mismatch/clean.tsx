import { useEffect } from "react";

// Correct removals in every accepted shape: nothing here is reported.
export class Scroller {
  constructor() {
    this.onScroll = this.onScroll.bind(this);
  }

  attach() {
    window.addEventListener("scroll", this.onScroll);
    window.addEventListener("wheel", this.onWheel, { capture: true });
    window.addEventListener("touchmove", this.onWheel, true);
  }

  dispose() {
    window.removeEventListener("scroll", this.onScroll);
    window.removeEventListener("wheel", this.onWheel, true);
    window.removeEventListener("touchmove", this.onWheel, { capture: true });
  }

  onScroll() {}
  onWheel = () => {};
}

export function Widget({ emitter, onResize }: { emitter: any; onResize: () => void }) {
  useEffect(() => {
    const handler = () => onResize();
    window.addEventListener("resize", handler);
    emitter.on("change", handler);
    return () => {
      window.removeEventListener("resize", handler);
      emitter.off("change");
      emitter.removeListener("change", handler);
    };
  }, [emitter]);
  return null;
}

// The listener was added elsewhere (another file): nothing to compare with.
export function detach(el: HTMLElement, fn: EventListener) {
  el.removeEventListener("click", fn);
}
