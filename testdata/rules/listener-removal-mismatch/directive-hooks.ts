// A directive's hooks are top-level functions given the same host element:
// the removal in removeListeners(el) is meant for what update(el) added.
function update(el: HTMLElement, enabled: boolean) {
  if (enabled) {
    el.addEventListener("keydown", (e) => onKey(e, ["Enter"])); // want "listener-removal-mismatch"
    el.addEventListener("blur", onBlur);
  } else {
    removeListeners(el);
  }
}

function removeListeners(el: HTMLElement) {
  el.removeEventListener("keydown", onKey); // want "listener-removal-mismatch"
  el.removeEventListener("blur", onBlur);
}

function onKey(e: KeyboardEvent, keys?: string[]) {}
function onBlur() {}

export const Ripple = {
  mounted: (el: HTMLElement) => update(el, true),
  unmounted: (el: HTMLElement) => removeListeners(el),
};

// Clean: the handler is kept on the element and removed from it.
interface Host extends HTMLElement {
  _onKey?: (e: KeyboardEvent) => void;
}

function bindKeys(host: Host) {
  host._onKey = (e) => onKey(e);
  host.addEventListener("keydown", host._onKey);
}

function unbindKeys(host: Host) {
  if (host._onKey) host.removeEventListener("keydown", host._onKey);
}

export const Keys = { mounted: bindKeys, unmounted: unbindKeys };
