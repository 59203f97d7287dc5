export function unlisten(target, type, handler) {
  target.removeEventListener(type, handler);
}
