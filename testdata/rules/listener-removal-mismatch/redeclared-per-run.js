// A page script whose setup runs on every page it shows. It removes its
// window listeners before adding them again so they do not pile up, but
// the handlers are declared inside the setup: each run makes new
// functions, the removal never matches what the previous run added, and
// every visit leaves one more listener behind.
const $ = require("jquery");

let dragging = null;

function bindSlider(sliderEl) {
  function onUp() {
    if (dragging) dragging.removeClass("active");
    dragging = null;
  }
  $(window).off("mouseup", onUp).on("mouseup", onUp); // want "listener-removal-mismatch: off with onUp removes nothing from an earlier run: onUp is declared inside bindSlider"

  const onKey = (ev) => {
    if (ev.key === "Escape") sliderEl.blur();
  };
  document.removeEventListener("keydown", onKey); // want "listener-removal-mismatch: removeEventListener with onKey removes nothing from an earlier run"
  document.addEventListener("keydown", onKey);
}

module.exports = { bindSlider };
