// A carousel made by a factory function: its destroy() is the teardown of
// what the factory and its inner functions start.
export function createCarousel(root, slides) {
  let index = 0;
  function next() {
    index = (index + 1) % slides.length;
    root.dataset.index = String(index);
  }
  function play() {
    setInterval(next, 3000); // want "timer-not-cleared: setInterval keeps running after createCarousel ends: its id is thrown away, so nothing can clear it; store the id and call clearInterval on it in destroy"
  }
  function destroy() {
    root.dataset.index = "";
  }
  play();
  return { next, destroy };
}
