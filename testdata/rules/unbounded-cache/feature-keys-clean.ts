// Parsed feature definitions cached by the feature's id. Features are what
// the product defines (a plan's limits, a beta switch), added by a release
// or an operator, so there is one entry per feature the program knows.
interface FeatureRow {
  id: number;
  name: string;
  configs: Record<string, number>;
}

declare const db: { feature: { find(id: number): Promise<FeatureRow | null> } };

class FeatureConfig {
  constructor(readonly row: FeatureRow) {}
}

const featureConfigs = new Map<number, FeatureConfig>();

export async function loadFeature(featureId: number): Promise<FeatureConfig> {
  const cached = featureConfigs.get(featureId);
  if (cached) return cached;
  const row = await db.feature.find(featureId);
  if (!row) throw new Error(`feature ${featureId} not found`);
  const config = new FeatureConfig(row);
  featureConfigs.set(featureId, config);
  return config;
}

// Flags keyed by their key, as a flag service hands them out.
const flagValues: Record<string, boolean> = {};

export function rememberFlag(featureFlag: string, on: boolean): void {
  flagValues[featureFlag] = on;
}
