// A capped value that is not the key's own previous list: a truncated
// payload per request still adds an entry for every request.
const previews = new Map<string, string>();

export function remember(requestId: string, body: string): void {
  previews.set(requestId, body.slice(0, 200)); // want "unbounded-cache: module-level Map `previews` only grows: remember\(\) adds an entry for every new key \(keyed by `requestId`\)"
}

export function preview(requestId: string): string | undefined {
  return previews.get(requestId);
}
