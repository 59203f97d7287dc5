// Factory functions whose teardown takes off everything they add, in each
// place a teardown can reach: its own body, an inner function it calls, a
// method of the instance it calls through the instance's name.

export function createPopover(anchor) {
  function onDocumentPress(event) {
    if (!anchor.contains(event.target)) hide();
  }
  function onResize() {}
  function show() {
    document.addEventListener("mousedown", onDocumentPress, true);
  }
  function hide() {
    document.removeEventListener("mousedown", onDocumentPress, true);
  }
  function stopTracking() {
    window.removeEventListener("resize", onResize);
  }
  function destroy() {
    instance.hide();
    stopTracking();
  }
  window.addEventListener("resize", onResize);
  const instance = { show, hide, destroy };
  return instance;
}

export const createSlider = (track) => {
  if (!track) return null;
  const onKey = (event) => track.step(event.key);
  window.addEventListener("keydown", onKey);
  return {
    dispose() {
      window.removeEventListener("keydown", onKey);
    },
  };
};

// No teardown in what it returns: nothing says when such an object ends,
// so the factory is no owner.
export function createBadge(el) {
  window.addEventListener("resize", () => el.focus());
  return { el, show() {} };
}

// A teardown the factory did not write (the element's own) makes it no
// owner either.
export function wrapDialog(dialog) {
  window.addEventListener("resize", () => dialog.focus());
  return { close: dialog.close };
}

// A returned disposer function is the caller's cleanup, as before.
export function onResize(fn) {
  window.addEventListener("resize", fn);
  return () => window.removeEventListener("resize", fn);
}
