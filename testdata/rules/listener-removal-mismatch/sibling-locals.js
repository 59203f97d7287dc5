// Two locals of one name, each set once from the same expression on this
// (`const tracks = this.el().textTracks` in two methods), are one object of
// one instance: a removal there that can never match is also reported at
// the addition.
export class Tech {
  constructor(el) {
    this.el_ = el;
    this.onChangeBound = this.onChange.bind(this);
  }

  el() {
    return this.el_;
  }

  proxyTracks() {
    const tracks = this.el().textTracks;
    tracks.addEventListener("change", this.onChange.bind(this)); // want "listener-removal-mismatch"
    tracks.addEventListener("addtrack", this.onChangeBound);
  }

  dispose() {
    const tracks = this.el().textTracks;
    tracks.removeEventListener("change", this.onChange.bind(this)); // want "listener-removal-mismatch"
    tracks.removeEventListener("addtrack", this.onChangeBound);
  }

  onChange() {}
}

// Locals set from something that is not rooted in this may be two objects.
export class Other {
  attach() {
    const list = document.createElement("ul");
    list.addEventListener("click", this.onClick);
  }

  detach() {
    const list = document.createElement("ul");
    list.removeEventListener("click", this.onClick);
  }

  onClick() {}
}
