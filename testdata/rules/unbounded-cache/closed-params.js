// The same helpers when a caller hands in outside input, or when the
// helper is exported (other files may pass anything).
const workerUrls = {};

function spawn(source, id) {
  return new Worker(workerUrls[id] || (workerUrls[id] = URL.createObjectURL(new Blob([source])))); // want "unbounded-cache: module-level object `workerUrls` only grows: spawn\(\) adds a property for every new key \(keyed by `id`\)"
}

export function runJob(job) {
  return spawn(job.source, job.id);
}

export function runFixed() {
  return spawn("self.onmessage = fixedBody", 0);
}

const sessions = new Map();

export function sessionFor(sessionId) {
  if (!sessions.has(sessionId)) sessions.set(sessionId, { started: Date.now() }); // want "unbounded-cache: module-level Map `sessions` only grows: sessionFor\(\) adds an entry for every new key \(keyed by `sessionId`\)"
  return sessions.get(sessionId);
}
