// The leaking twins of sibling-values-clean.js.

// The removal reads another field of the record than the one added.
export class TextureStore {
  track(texture) {
    const record = this.recordOf(texture);
    record.onDispose = () => this.release(texture);
    texture.addEventListener("dispose", record.onDispose); // want "listener added here is never removed: removeEventListener at line \d+ can never match \(it removes record.onDisposed\)"
  }

  release(texture) {
    const record = this.recordOf(texture);
    texture.removeEventListener("dispose", record.onDisposed); // want "removeEventListener removes record.onDisposed, which is never added for this event; the listener added here is record.onDispose"
  }

  recordOf(texture) {
    return texture.userData;
  }
}

// (A remover given its handler by its caller while its own setup adds a
// fresh arrow is mismatch.js's useWindowSize: still reported.)
