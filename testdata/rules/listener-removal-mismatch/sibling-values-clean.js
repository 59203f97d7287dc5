// Removals whose handler the file cannot tell from the one added: no
// certain mismatch, so nothing is reported.

// A per-resource record fetched alike in the method that adds its
// dispose handler and in the one that removes it: one record, one handler.
export class TextureStore {
  track(texture) {
    const record = this.recordOf(texture);
    record.onDispose = () => this.release(texture);
    texture.addEventListener("dispose", record.onDispose);
  }

  release(texture) {
    const record = this.recordOf(texture);
    texture.removeEventListener("dispose", record.onDispose);
  }

  recordOf(texture) {
    return texture.userData;
  }
}

// Another class's method with a parameter of the same name is given
// other objects: its listener is not the one the store removes.
export class TextureCache {
  watch(texture) {
    const bump = () => texture.version++;
    texture.addEventListener("dispose", bump);
  }
}

// A wrapper pair: what removeListener removes is whatever its caller
// passes. Here that is the invoker kept on the element, which the caller
// gave addListener before (in another call, under another name).
export function addListener(el, type, handler, options) {
  el.addEventListener(type, handler, options);
}

export function removeListener(el, type, handler, options) {
  el.removeEventListener(type, handler, options);
}

export function patchListener(el, type, next) {
  const invokers = el.invokers || (el.invokers = {});
  const existing = invokers[type];
  if (next) {
    const invoker = (invokers[type] = (e) => next(e));
    addListener(el, type, invoker);
  } else if (existing) {
    removeListener(el, type, existing);
    invokers[type] = undefined;
  }
}

// A teardown that removes a handler this class never adds, on a
// parameter of the same name as TextureCache.watch's: not that listener.
export class TextureRenderer {
  destroy(texture) {
    texture.removeEventListener("dispose", this.onTextureDispose);
  }
}
