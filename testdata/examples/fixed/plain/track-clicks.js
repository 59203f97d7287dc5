// Plain browser script (loaded with a <script> tag, not a module): reports
// clicks on elements marked with data-track.
function trackClick(event) {
  const target = event.target.closest("[data-track]");
  if (!target) return;
  navigator.sendBeacon("/collect", JSON.stringify({ name: target.dataset.track, at: Date.now() }));
}

document.addEventListener("click", trackClick);
