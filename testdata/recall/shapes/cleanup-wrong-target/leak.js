// Shape: cleanup-wrong-target. mount() adds the delegated listener to two
// targets, but the unmount function it returns removes it from one only.
// leakwatch should report listener-not-removed at "<- leak".
export function mount(target, handler) {
  const events = ["click", "input"];
  for (const name of events) {
    target.addEventListener(name, handler);
    document.addEventListener(name, handler); // <- leak
  }
  return () => {
    for (const name of events) {
      target.removeEventListener(name, handler);
    }
  };
}
