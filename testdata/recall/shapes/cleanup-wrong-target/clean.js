// Shape: cleanup-wrong-target, cleaned: the unmount function removes the
// listener from both targets.
export function mount(target, handler) {
  const events = ["click", "input"];
  for (const name of events) {
    target.addEventListener(name, handler);
    document.addEventListener(name, handler);
  }
  return () => {
    for (const name of events) {
      target.removeEventListener(name, handler);
      document.removeEventListener(name, handler);
    }
  };
}
