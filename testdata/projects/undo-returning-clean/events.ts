// listen() adds a DOM listener and returns the function that removes it.
export function listen(target: EventTarget, type: string, handler: EventListener): () => void {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}
