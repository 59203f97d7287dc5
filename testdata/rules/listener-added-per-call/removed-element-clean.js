// A modal element the page removes when it hides: the listeners added on
// each click go with it.
const modal = $("#create-modal");

$("#create").on("click", () => {
  modal.on("hidden.bs.modal", () => modal.remove());
  modal.modal("show");
});
