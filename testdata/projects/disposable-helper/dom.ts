// A project helper in the shape of VS Code's dom.addDisposableListener, under
// a name no table knows: it adds a DOM listener and returns an object whose
// dispose() removes it.
export interface IDisposable {
  dispose(): void;
}

export function listenDisposable(target: EventTarget, type: string, handler: (e: Event) => void, capture?: boolean): IDisposable {
  target.addEventListener(type, handler, capture);
  return {
    dispose: () => target.removeEventListener(type, handler, capture),
  };
}
