// The remove-then-add idiom where it works: the handler is the same
// function object on every run.
const $ = require("jquery");

let dragging = null;

// Declared once, outside the function that runs per page.
function onUp() {
  if (dragging) dragging.removeClass("active");
  dragging = null;
}

function bindSlider(sliderEl) {
  $(window).off("mouseup", onUp).on("mouseup", onUp);
  dragging = sliderEl;
}

// A namespaced event removes whatever the earlier run added.
function bindZoom(zoomEl) {
  $(window).off("resize.zoom").on("resize.zoom", () => zoomEl.fit());
}

// The target is made by the run itself, so its listeners go with it.
function renderRow(data) {
  const row = document.createElement("tr");
  const onClick = () => console.log(data.id);
  row.removeEventListener("click", onClick);
  row.addEventListener("click", onClick);
  return row;
}

// A handler declared in the same function but removed and added in
// different places is ordinary pairing, not the idiom.
function watchScroll(onChange) {
  const onScroll = () => onChange(window.scrollY);
  window.addEventListener("scroll", onScroll);
  return () => window.removeEventListener("scroll", onScroll);
}

module.exports = { bindSlider, bindZoom, renderRow, watchScroll };

// Named for start-up: it runs once, and removing first is only defensive.
const bus = require("./bus");

function initBadges(badgeEl) {
  function onCount(n) {
    badgeEl.textContent = String(n);
  }
  bus.removeListener("unread:count", onCount);
  bus.on("unread:count", onCount);
}

module.exports.initBadges = initBadges;
