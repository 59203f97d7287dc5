// AMD modules whose registrations on their dependencies do not pile up.
define("picker", ["events"], function (events) {
  const Picker = {};
  let current = null;

  // Once, in the factory itself: it runs when the module loads.
  events.on("page:loaded", function () {
    if (current) current.addClass("hidden");
  });

  // Per call, only the element it is given changes hands.
  Picker.attach = function (options) {
    current = options.listEl;
  };

  // Removed when the dialog closes.
  Picker.watch = function (dialog) {
    const onError = () => dialog.shake();
    events.on("error", onError);
    dialog.on("hidden", () => events.off("error", onError));
  };

  // A handler that keeps nothing of what the caller handed in.
  Picker.count = function (options) {
    events.on("picked", () => console.log("picked"));
    return options;
  };

  // A helper the factory does not return is no export.
  const helpers = {};
  helpers.bind = function (el) {
    events.on("resize", () => el.resize());
  };
  helpers.bind(document.body);

  return Picker;
});

// A define() call that is not the module's own top-level statement.
function later(define) {
  define(["events"], function (events) {
    const M = {};
    M.attach = function (el) {
      events.on("tick", () => el.update());
    };
    return M;
  });
}
later(window.define);
