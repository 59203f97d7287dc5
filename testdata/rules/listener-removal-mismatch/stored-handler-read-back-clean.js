// A handler kept on the instance when it is added and read back into a
// local for the removal: the local holds the very function that was added,
// whatever its name says.
import { Events } from "./events";

export class Shortcuts {
  constructor(options) {
    this.options = options;
    const keyDownHandler = this.onKeyDown.bind(this);
    window.addEventListener("keydown", keyDownHandler, { passive: true });
    this.keyDownHandler = keyDownHandler;
  }

  destroy() {
    const keyDownHandler = this.keyDownHandler;
    if (keyDownHandler) {
      window.removeEventListener("keydown", keyDownHandler, { passive: true });
      this.keyDownHandler = null;
    }
  }

  onKeyDown() {}
}

// The same through a parameter that both functions are given: stats and
// player are the same objects in bind and unbind.
function render(stats) {
  stats.frames += 1;
}

export function bindStats(stats, player) {
  const onTime = function () {
    render(stats);
  };
  stats.onTime = onTime;
  Events.on(player, "timeupdate", onTime);
}

export function unbindStats(stats, player) {
  const handler = stats.onTime;
  if (handler) {
    Events.off(player, "timeupdate", handler);
  }
}
