const dom = require("./dom");

// A builder of the project's own: dom(tag, ...args) makes an element and
// applies each argument to it, so dom.on(type, fn) handed straight to
// dom(...) binds fn to the new element, whatever ./dom is.
exports.button = function (onClick, label) {
  return dom("button.btn", label, dom.on("click", () => onClick()));
};

exports.checkbox = function (value) {
  return dom("label", dom("input", { type: "checkbox" }, (dom.on("change", function () {
    value(this.checked);
  }))));
};
