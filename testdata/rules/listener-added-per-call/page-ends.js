// Handlers that only sometimes end the page, or re-render the content while
// the listener sits on window (which stays), still pile up per click.
const editor = $("#tag-editor");

$("#create").on("click", () => {
  editor.on("hidden.bs.modal", (e) => { // want "listener-added-per-call: .hidden\.bs\.modal. listener on editor is added on each .click. event and never removed"
    if (e.namespace === "bs.modal") {
      ajaxify.refresh();
    }
  });
  $(window).on("resize", () => ajaxify.refresh()); // want "listener-added-per-call: .resize. listener on \$\(window\) is added on each .click. event and never removed"
  editor.modal("hide");
});
