// An application's own DOM utility module whose addEventListener and
// removeEventListener take the target first, (target, type, handler,
// options): dom.addEventListener(el, "touchstart", fn) adds a listener on el,
// not on the module, and dom.removeEventListener(el, "touchstart", fn) is its
// removal. Read as the built-in method, every such call would be a listener
// "added to dom" that nothing removes.
import dom from "../utils/dom";
import { addEventListener, removeEventListener } from "./shared/dom.js";

export class SwipeHelper {
  constructor(elem) {
    this.elem = elem;
    this.onStart = () => {};
    this.onEnd = () => {};
    dom.addEventListener(elem, "touchstart", this.onStart, { passive: true });
    addEventListener(elem, "touchend", this.onEnd, { passive: true });
  }

  destroy() {
    const elem = this.elem;
    dom.removeEventListener(elem, "touchstart", this.onStart, { passive: true });
    removeEventListener(elem, "touchend", this.onEnd, { passive: true });
    this.elem = null;
  }
}

// A listener that removes itself: the options travel through the wrapper.
export class Fader {
  fadeOut(panel) {
    const done = () => panel.remove();
    dom.addEventListener(panel, dom.whichAnimationEvent(), done, { once: true });
    panel.classList.add("fading");
  }

  destroy() {}
}

// A wrapper of that shape whose result is kept returns its own undo: what
// the effect returns removes the listener.
import { useEffect } from "react";
import { addEventListener as listen } from "./shared/events-util";

export function useEscape(onEscape) {
  useEffect(() => {
    return listen(document, "keydown", onEscape, { capture: true });
  }, [onEscape]);
}
