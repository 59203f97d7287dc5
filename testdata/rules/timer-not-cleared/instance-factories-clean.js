// Factory functions whose teardown stops the timers they start: directly,
// or through a method of the instance it calls by the instance's name.
export function createCarousel(root, slides) {
  let index = 0;
  let timer = null;
  function next() {
    index = (index + 1) % slides.length;
    root.dataset.index = String(index);
  }
  function play() {
    timer = setInterval(next, 3000);
  }
  function pause() {
    clearInterval(timer);
  }
  function destroy() {
    carousel.pause();
  }
  play();
  const carousel = { next, pause, destroy };
  return carousel;
}

export const createTicker = (el) => {
  const id = setInterval(() => el.tick(), 1000);
  return {
    stop() {
      clearInterval(id);
    },
  };
};
