// A factory the module calls as it loads makes one instance for the
// program's life, like `new Bar()` at top level: its window listener is
// not stranded by a destroy() nobody needs to call.
function createStatusBar(el) {
  const onResize = () => el.classList.toggle("narrow", window.innerWidth < 600);
  window.addEventListener("resize", onResize);
  function destroy() {
    el.remove();
  }
  return { destroy };
}

export const statusBar = createStatusBar(document.querySelector("#status"));
