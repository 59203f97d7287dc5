// What looks like a version fence and is not: a counter under another
// name (retries per request, one entry per request ever made), and a
// "versions" map that keeps whole payloads per key.
const retryCounts = new Map<string, number>();
const documentVersions = new Map<string, { body: string; version: number }>();

export async function send(requestId: string, post: () => Promise<void>) {
  try {
    await post();
  } catch (err) {
    retryCounts.set(requestId, (retryCounts.get(requestId) ?? 0) + 1); // want "unbounded-cache: module-level Map `retryCounts` only grows: send\(\) adds an entry for every new key \(keyed by `requestId`\)"
    throw err;
  }
}

export function storeVersion(documentId: string, body: string) {
  const version = (documentVersions.get(documentId)?.version ?? 0) + 1;
  documentVersions.set(documentId, { body, version }); // want "unbounded-cache: module-level Map `documentVersions` only grows: storeVersion\(\) adds an entry for every new key \(keyed by `documentId`\)"
}
