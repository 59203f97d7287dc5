// Framework-free widgets made by a factory function: the body sets the
// instance up, inner functions are its methods, and the function the
// returned object names under a teardown name is its teardown. What the
// factory registers on longer-lived objects, that teardown must take off.

// The instance held in a const, its methods named by shorthand; destroy
// takes off the resize listener but forgets the one show() adds.
export function createPopover(anchor, options) {
  let visible = false;
  function onDocumentPress(event) {
    if (!anchor.contains(event.target)) instance.hide();
  }
  function onResize() {
    if (visible) options.reposition(anchor);
  }
  function show() {
    visible = true;
    document.addEventListener("mousedown", onDocumentPress, true); // want "listener-not-removed: .mousedown. listener added to document is never removed; call removeEventListener in destroy"
  }
  function hide() {
    visible = false;
  }
  function destroy() {
    instance.hide();
    window.removeEventListener("resize", onResize);
  }
  window.addEventListener("resize", onResize);
  const instance = { show, hide, destroy };
  return instance;
}

// A guard that makes no instance, then the literal returned in place with
// its teardown as a method.
export const createSlider = (track) => {
  if (!track) return null;
  const onKey = (event) => track.step(event.key);
  window.addEventListener("keydown", onKey); // want "listener-not-removed: .keydown. listener added to window is never removed; call removeEventListener in dispose"
  return {
    next() { track.step(1); },
    dispose() { track.reset(); },
  };
};
