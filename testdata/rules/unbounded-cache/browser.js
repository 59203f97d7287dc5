// Widgets that keep per-element state in module-level maps.
const elementState = new Map();
const tooltips = new Map();
const prefetched = new Set();
const viewed = [];

export function attach(el, options) {
  el.classList.add("widget");
  elementState.set(el, { options, open: false }); // want "unbounded-cache"
  el.addEventListener("click", () => toggle(el));
}

function toggle(el) {
  const state = elementState.get(el);
  state.open = !state.open;
  el.classList.toggle("open", state.open);
}

document.addEventListener("mouseover", (event) => {
  if (!event.target.matches("[data-tip]")) return;
  if (!tooltips.has(event.target)) {
    tooltips.set(event.target, createTip(event.target.dataset.tip)); // want "unbounded-cache"
  }
  tooltips.get(event.target).show();
});

// URLs are bounded by the pages and configuration that name them (a
// "load once" registry is the point): not reported.
export function prefetch(url) {
  if (prefetched.has(url)) return;
  prefetched.add(url);
  const link = document.createElement("link");
  link.rel = "prefetch";
  link.href = url;
  document.head.appendChild(link);
}

export function onProductView(product) {
  viewed.push(product.id); // want "unbounded-cache"
  renderRecentlyViewed(viewed.slice(-5));
}

// Object keys, but the set is sized: a WeakSet would not do, so bound it.
const measured = new Set();
export function measure(node) {
  if (measured.has(node)) return;
  measured.add(node); // want "unbounded-cache"
  console.log(`${measured.size} nodes measured`);
}

function createTip(text) {
  const tip = document.createElement("div");
  tip.textContent = text;
  return { show: () => document.body.appendChild(tip) };
}

function renderRecentlyViewed(ids) {
  console.log(ids);
}
