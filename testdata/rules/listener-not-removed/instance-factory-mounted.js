// The leaking twin of instance-factory-singleton-clean.js: the factory
// makes an instance per mount, and its destroy() leaves the listener.
function createStatusBar(el) {
  const onResize = () => el.classList.toggle("narrow", window.innerWidth < 600);
  window.addEventListener("resize", onResize); // want ".resize. listener added to window is never removed; call removeEventListener in destroy"
  function destroy() {
    el.remove();
  }
  return { destroy };
}

export function mount(el) {
  return createStatusBar(el);
}
