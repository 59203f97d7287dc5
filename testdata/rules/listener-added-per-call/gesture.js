// Drag gestures: the move listener is added on mousedown and removed on
// mouseup, in another handler of the same file.
const handle = document.querySelector(".resize-handle");

function onMove(e) {
  handle.style.left = e.clientX + "px";
}

function onEnd() {
  document.removeEventListener("mousemove", onMove);
  document.removeEventListener("mouseup", onEnd);
}

function onStart() {
  document.addEventListener("mousemove", onMove);
  document.addEventListener("mouseup", onEnd);
}

handle.addEventListener("mousedown", onStart);

// The same gesture with no removal anywhere: one more listener per drag.
const slider = document.querySelector(".slider");

function onSlide(e) {
  slider.style.left = e.clientX + "px";
}

slider.addEventListener("mousedown", () => {
  document.addEventListener("mousemove", onSlide); // want "listener-added-per-call"
});
