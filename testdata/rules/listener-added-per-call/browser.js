// A classic browser script: event handlers run many times.
var openButton = document.getElementById("open-settings");
var tabs = document.querySelectorAll(".tab");

function layout() {
  document.body.classList.toggle("narrow", window.innerWidth < 600);
}

function onKeydown(event) {
  if (event.key === "Escape") closeSettings();
}

openButton.addEventListener("click", function () {
  document.getElementById("settings").hidden = false;
  document.addEventListener("keydown", onKeydown); // want "listener-added-per-call"
  window.addEventListener("resize", layout, true); // want "listener-added-per-call"
});

tabs.forEach(function (tab) {
  window.addEventListener("hashchange", syncTabs); // want "listener-added-per-call"
  tab.addEventListener("click", selectTab);
});

$("#refresh").on("click", function () {
  $(window).on("scroll", loadMore); // want "listener-added-per-call"
  $(this).prop("disabled", true);
});

window.addEventListener("message", function (event) {
  if (event.data.type === "subscribe") {
    window.addEventListener("storage", function () { // want "listener-added-per-call"
      event.source.postMessage({ type: "changed" }, event.origin);
    });
  }
});

function waitForVisible() {
  return new Promise(function (resolve) {
    document.addEventListener("visibilitychange", resolve); // want "listener-added-per-call"
  });
}

setInterval(function () {
  waitForVisible().then(refresh);
}, 30000);

function closeSettings() {
  document.getElementById("settings").hidden = true;
}
function syncTabs() {}
function selectTab() {}
function loadMore() {}
function refresh() {}
