// video.js components: Component's dispose() is the teardown. The player,
// what it hands a component's constructor and the track lists a tech
// shares with it outlive the component, and a class that takes some
// listener off them shows its own must come off at dispose too.
import Component from "../component.js";
import MenuButton from "../menu/menu-button.js";
import Tech from "./tech.js";

class TrackToggle extends MenuButton {
  constructor(player, options) {
    super(player, options);
    const tracks = options.tracks;
    const update = () => this.update();

    tracks.addEventListener("addtrack", update); // want "listener-not-removed"
    tracks.addEventListener("removetrack", update); // want "listener-not-removed"
    // The player's dispose is not this button's: a control bar rebuilt
    // while the player plays disposes the button and keeps the list.
    this.player_.on("dispose", () => {
      tracks.removeEventListener("addtrack", update);
      tracks.removeEventListener("removetrack", update);
    });
  }
}

Component.registerComponent("TrackToggle", TrackToggle);

class NativeTech extends Tech {
  constructor(options, ready) {
    super(options, ready);
    this.keepSnapshot_();
  }

  keepSnapshot_() {
    const textTracks = this.textTracks();
    const snapshot = () => this.snapshot_();

    textTracks.addEventListener("change", snapshot); // want "listener-not-removed"
    // Removed when fullscreen begins, which need never happen.
    this.on("webkitbeginfullscreen", () => {
      textTracks.removeEventListener("change", snapshot);
    });
  }

  emulate() {
    const tracks = this.textTracks();
    const changed = () => this.trigger("texttrackchange");

    this.remoteTextTracks().on("addtrack", (e) => { // want "listener-not-removed"
      tracks.addTrack(e.track);
    });
    tracks.addEventListener("change", changed);
    this.on("dispose", () => {
      tracks.removeEventListener("change", changed);
    });
  }

  snapshot_() {}

  dispose() {
    this.el_ = null;
    super.dispose();
  }
}

Tech.registerTech("NativeTech", NativeTech);

class PosterWatcher extends Component {
  constructor(player, options) {
    super(player, options);
    this.player_.on("posterchange", this.update); // want "listener-not-removed"
    player.on("loadstart", this.reset);
  }

  update() {}

  reset() {}

  dispose() {
    this.player_.off("loadstart", this.reset);
    super.dispose();
  }
}

Component.registerComponent("PosterWatcher", PosterWatcher);

class QualityMenu extends MenuButton {
  constructor(player, options) {
    super(player, options);
    this.player_.on("loadstart", this.rebuild); // want "listener-not-removed"
    this.player_.on("dispose", () => this.player_.off("loadstart", this.rebuild));
  }

  rebuild() {}
}

Component.registerComponent("QualityMenu", QualityMenu);
