// An AMD module (RequireJS, NodeBB's client) whose exported methods run
// once per page or dialog that calls them. Its dependencies (events,
// alerts) are modules that live as long as the page, so a listener added
// to them on each call piles up and keeps the caller's elements alive
// after the page or dialog is gone.
define("picker", ["events", "alerts"], function (events, alerts) {
  const Picker = {};

  Picker.attach = function (options) {
    const listEl = options.listEl;
    listEl.on("click", ".item", function () {
      events.fire("picker:chosen", this.dataset.id);
    });
    events.on("page:loaded", function () { // want "listener-added-per-call: .page:loaded. listener on events is added on each call of the exported Picker.attach"
      listEl.addClass("hidden");
    });
  };

  Picker.watchErrors = function (dialog) {
    alerts.on("error", () => dialog.shake()); // want "listener-added-per-call: .error. listener on alerts is added on each call of the exported Picker.watchErrors .one per instance it is given. and never removed, so they pile up; add it once"
  };

  return Picker;
});
