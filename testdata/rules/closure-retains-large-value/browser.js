// Widgets that keep DOM subtrees alive from window listeners.
const status = document.getElementById("status");

export function initReportTable() {
  const rows = document.querySelectorAll("#report tbody tr");
  window.addEventListener("resize", () => { // want "closure-retains-large-value"
    status.textContent = `${rows.length} rows`;
  });
}

export function initGallery() {
  const snapshot = document.getElementById("gallery").cloneNode(true);
  document.getElementById("reset").addEventListener("click", () => restore(snapshot));
  window.addEventListener("scroll", () => updateScrollbar()); // want "closure-retains-large-value"
}

export function startSampler(analyser) {
  const samples = new Float32Array(1 << 20);
  const draw = () => analyser.getFloatTimeDomainData(samples);
  requestAnimationFrame(draw);
  setInterval(function tick() { // want "closure-retains-large-value"
    status.dataset.fps = String(analyser.fftSize);
  }, 1000);
}

// The page-wide handler keeps every translation, although only the filter
// callback reads them.
export async function loadTranslations(lang) {
  const res = await fetch(`/i18n/${lang}.json`);
  const messages = await res.json();
  const missing = Object.keys(messages).filter((key) => !messages[key]);
  window.onbeforeunload = () => { // want "closure-retains-large-value"
    if (missing.length) navigator.sendBeacon("/i18n/missing", JSON.stringify({ lang, missing }));
  };
}

function restore(node) {
  document.getElementById("gallery").replaceWith(node);
}

function updateScrollbar() {
  status.style.width = `${window.scrollY}px`;
}
