// video.js components that take their listeners off as they end, or whose
// listeners end with them.
import Component from "../component.js";
import MenuButton from "../menu/menu-button.js";
import Tech from "./tech.js";
import videojs from "video.js";
import * as Fn from "../utils/fn.js";

// Removed in dispose(), directly and through a helper it calls.
class TrackToggle extends MenuButton {
  constructor(player, options) {
    super(player, options);
    this.update_ = () => this.update();
    this.options_.tracks.addEventListener("addtrack", this.update_);
    this.options_.tracks.addEventListener("removetrack", this.update_);
    this.player_.on("ready", this.update_);
  }

  cleanupTracks_() {
    this.options_.tracks.removeEventListener("addtrack", this.update_);
    this.options_.tracks.removeEventListener("removetrack", this.update_);
  }

  dispose() {
    this.cleanupTracks_();
    this.player_.off("ready", this.update_);
    super.dispose();
  }
}

Component.registerComponent("TrackToggle", TrackToggle);

// Removed in a handler of the component's own dispose event (on or one).
class NativeTech extends Tech {
  emulate() {
    const tracks = this.textTracks();
    const remote = this.remoteTextTracks();
    const changed = () => this.trigger("texttrackchange");
    const added = (e) => tracks.addTrack(e.track);

    tracks.addEventListener("change", changed);
    remote.on("addtrack", added);
    this.on("dispose", () => {
      tracks.removeEventListener("change", changed);
    });
    this.one("dispose", () => remote.off("addtrack", added));
  }
}

Tech.registerTech("NativeTech", NativeTech);

// The evented `this.on(target, type, fn)` is taken off when the component
// is disposed, one() takes itself off, and listeners on the component
// itself and on its own element go with it.
class SeekHint extends Component {
  constructor(player, options) {
    super(player, options);
    this.on(player, "timeupdate", this.update);
    this.on(this.player_, ["seeking", "seeked"], this.update);
    player.one("loadedmetadata", this.update);
    this.on("click", this.update);
    this.el_.addEventListener("mouseover", this.update);
    this.off(player, "timeupdate", this.update);
  }

  update() {}
}

Component.registerComponent("SeekHint", SeekHint);

// A component that never takes a listener off the player lives as long as
// it, as the player's own displays do: its listeners go when the player's
// dispose takes every listener off the player.
class CaptionDisplay extends Component {
  constructor(player, options) {
    super(player, options);
    player.on("loadstart", () => this.toggle());
    player.on("texttrackchange", this.update);
  }

  toggle() {}

  update() {}
}

Component.registerComponent("CaptionDisplay", CaptionDisplay);

// A plugin's component, registered with videojs: bound handlers come off
// with the function they bind (video.js's Fn.bind keeps its guid).
class PosterOverlay extends videojs.getComponent("Component") {
  constructor(player, options) {
    super(player, options);
    player.on("posterchange", Fn.bind(this, this.update));
    player.on("ready", this.ready_);
  }

  update() {}

  ready_() {}

  dispose() {
    this.player().off("posterchange", this.update);
    this.player().off("ready", this.ready_);
    super.dispose();
  }
}

videojs.registerComponent("PosterOverlay", PosterOverlay);
