// On a server a workspace id is any customer's: a cache keyed by it grows
// with every workspace that was ever served.
declare function loadQuota(workspaceId: string): Promise<number>;

const quotas = new Map<string, number>();

export async function quotaOf(workspaceId: string): Promise<number> {
  const cached = quotas.get(workspaceId);
  if (cached !== undefined) return cached;
  const quota = await loadQuota(workspaceId);
  quotas.set(workspaceId, quota); // want "unbounded-cache: module-level Map `quotas` only grows: quotaOf\(\) adds an entry for every new key \(keyed by `workspaceId`\)"
  return quota;
}
