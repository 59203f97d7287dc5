// The same caches keyed by who asks: one entry per user or per workspace
// that ever asked, however few features there are.
interface FeatureRow {
  id: number;
  name: string;
}

declare const db: { feature: { forUser(id: string): Promise<FeatureRow[]> } };

const userFeatures = new Map<string, FeatureRow[]>();

export async function featuresOf(userId: string): Promise<FeatureRow[]> {
  const cached = userFeatures.get(userId);
  if (cached) return cached;
  const rows = await db.feature.forUser(userId);
  userFeatures.set(userId, rows); // want "unbounded-cache: module-level Map `userFeatures` only grows: featuresOf\(\) adds an entry for every new key \(keyed by `userId`\)"
  return rows;
}

const featureUsage: Record<string, number> = {};

export function countUse(featureId: number, workspaceId: string): void {
  const key = `${featureId}:${workspaceId}`;
  featureUsage[key] = (featureUsage[key] ?? 0) + 1; // want "unbounded-cache: module-level object `featureUsage` only grows: countUse\(\) adds a property for every new key \(keyed by `workspaceId`\)"
}
