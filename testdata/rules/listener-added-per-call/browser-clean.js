// Accepted shapes in a browser script: nothing here is reported.
var openButton = document.getElementById("open-settings");

// Top level: added once.
window.addEventListener("resize", layout);

// { once: true } and { signal } remove themselves.
openButton.addEventListener("click", function () {
  document.addEventListener("keydown", onKeydown, { once: true });
  var controller = new AbortController();
  window.addEventListener("scroll", onScroll, { signal: controller.signal, passive: true });
  document.getElementById("close").addEventListener("click", function () {
    controller.abort();
  });
});

// Removed in the same handler's flow.
openButton.addEventListener("click", function () {
  function onEscape(event) {
    if (event.key !== "Escape") return;
    document.removeEventListener("keydown", onEscape);
  }
  document.addEventListener("keydown", onEscape);
});

// A one-shot event: runs once.
window.addEventListener("load", function () {
  window.addEventListener("resize", layout);
  document.addEventListener("DOMContentLoaded", init);
});

// Listeners on elements created in the handler die with them.
openButton.addEventListener("click", function () {
  var dialog = document.createElement("dialog");
  dialog.addEventListener("close", function () {
    dialog.remove();
  });
  document.body.appendChild(dialog);
});

// One listener per element: the target is the item.
document.querySelectorAll(".tab").forEach(function (tab) {
  tab.addEventListener("click", selectTab);
});

// Each listener closes over its own item.
document.querySelectorAll("[data-shortcut]").forEach(function (el) {
  document.addEventListener("keydown", function (event) {
    if (event.key === el.dataset.shortcut) el.click();
  });
});

// Guarded: added once.
var hooked = false;
openButton.addEventListener("click", function () {
  if (hooked) return;
  hooked = true;
  window.addEventListener("beforeunload", confirmLeave);
});

// A promise that waits once, in a function called once at startup.
function domReady() {
  return new Promise(function (resolve) {
    document.addEventListener("DOMContentLoaded", resolve);
  });
}
domReady().then(init);

// A new socket on every click: the listener goes with it.
var state = {};
function reconnect() {
  state.socket = new WebSocket("wss://example.com/live");
  state.socket.addEventListener("message", render);
}
document.getElementById("reconnect").addEventListener("click", reconnect);

function render() {}
function layout() {}
function onKeydown() {}
function onScroll() {}
function init() {}
function selectTab() {}
function confirmLeave() {}
