// Vendor-prefixed event names come from a table: a method may read it
// through a local shorthand while dispose() spells the table out. Both
// name one event, so dispose's removal undoes the addition.
import * as Events from "./utils/events.js";
import Component from "./component.js";
import PrefixedNames, { LegacyNames } from "./prefixed-names.js";

export class Viewer extends Component {
  constructor(player, options) {
    super(player, options);
    this.boundChange_ = this.handleChange_.bind(this);
  }

  enterFullscreen() {
    const names = PrefixedNames;
    Events.on(document, names.fullscreenchange, this.boundChange_);
    this.el_[names.requestFullscreen]();
  }

  handleChange_() {
    this.trigger("fullscreenchange");
  }

  dispose() {
    Events.off(document, PrefixedNames.fullscreenchange, this.boundChange_);
    super.dispose();
  }
}

// The leaking shape: the only removal is in a handler that runs when
// fullscreen is left, not at dispose(), so a player disposed while in
// fullscreen keeps its listener on document.
export class LeakyViewer extends Component {
  constructor(player, options) {
    super(player, options);
    this.boundChange_ = this.handleChange_.bind(this);
  }

  enterFullscreen() {
    const names = PrefixedNames;
    Events.on(document, names.fullscreenchange, this.boundChange_); // want "listener-not-removed: names\.fullscreenchange listener added to document is removed in LeakyViewer\.handleChange_ \(line 47\), but not when LeakyViewer ends; also call off in dispose"
  }

  handleChange_() {
    const names = PrefixedNames;
    if (!document[names.fullscreenElement]) {
      Events.off(document, names.fullscreenchange, this.boundChange_);
    }
  }

  dispose() {
    super.dispose();
  }
}

// A name that may be set to another table is not read through: here the
// event added may be the other table's, which dispose() does not remove.
export class SwitchingViewer extends Component {
  enterFullscreen(legacy) {
    let names = PrefixedNames;
    if (legacy) names = LegacyNames;
    Events.on(document, names.fullscreenchange, this.onChange); // want "listener-not-removed: names.fullscreenchange listener added to document is never removed; call off in dispose"
  }

  onChange() {}

  dispose() {
    Events.off(document, PrefixedNames.fullscreenchange, this.onChange);
    super.dispose();
  }
}
