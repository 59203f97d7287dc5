// Listeners whose handler discards the page they live on: a reload or a new
// location takes every listener of the page with it, and an in-place
// re-render (NodeBB's ajaxify) takes the elements of the old content. Copies
// added on each click go the first time the event fires.
const editor = $("#tag-editor");
const saveButton = document.getElementById("save");
const form = document.querySelector("form.settings");

$("#create").on("click", () => {
  editor.on("hidden.bs.modal", function () {
    ajaxify.refresh();
  });
  editor.modal("hide");
});

saveButton.addEventListener("click", () => {
  form.addEventListener("submit", () => location.reload());
  window.addEventListener("message", () => {
    window.location.href = "/settings/saved";
  });
});
