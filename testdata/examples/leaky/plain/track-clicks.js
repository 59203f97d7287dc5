// Plain browser script (loaded with a <script> tag, not a module): reports
// clicks on elements marked with data-track.
function trackClick(event) {
  // Leak: no const/let, so `target` is a global that keeps the last clicked
  // element alive, even after it is removed from the page.
  target = event.target.closest("[data-track]");
  if (!target) return;
  navigator.sendBeacon("/collect", JSON.stringify({ name: target.dataset.track, at: Date.now() }));
}

document.addEventListener("click", trackClick);
