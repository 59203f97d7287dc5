// The same per-key holders when nothing removes what they hold: every
// key keeps everything it was ever given.
const watchersByRoom = new Map<string, Set<string>>();

export function watch(roomId: string, socketId: string): void {
  let watchers = watchersByRoom.get(roomId);
  if (!watchers) {
    watchers = new Set();
    watchersByRoom.set(roomId, watchers); // want "unbounded-cache: module-level Map `watchersByRoom` only grows: watch\(\) adds an entry for every new key \(keyed by `roomId`\) and nothing in this file removes any"
  }
  watchers.add(socketId);
}

export function watcherCount(roomId: string): number {
  return watchersByRoom.get(roomId)?.size ?? 0;
}
