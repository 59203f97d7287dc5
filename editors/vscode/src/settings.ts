// Turning the leakwatch.* settings into what the server reads. No "vscode"
// import: the unit tests run this under plain Node.
//
// The server (lsp/config.go) accepts the keys of .leakwatch.json ("rules",
// "ignore", "owners") in initializationOptions, and the same under a
// "leakwatch" key in workspace/didChangeConfiguration; rule values are a
// severity string or {"severity": ...}. Unknown rule ids make it reject the
// whole object and keep its previous settings, so this module drops what the
// server would refuse and says why instead.

export const SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

// Spellings the server also accepts (analyzer.ParseSeverity), mapped to the
// canonical name so the payload is predictable.
const ALIASES: Record<string, Severity> = {
  off: "off",
  none: "off",
  hint: "hint",
  info: "info",
  information: "info",
  warning: "warning",
  warn: "warning",
  error: "error",
};

export interface RulesResult {
  rules: Record<string, Severity>;
  /** One sentence per dropped entry, for the output channel and a warning. */
  problems: string[];
}

/**
 * Normalises the leakwatch.rules setting: rule id -> severity. Accepts the
 * severity names, true/false (on at warning / off) and {"severity": ...};
 * anything else is dropped with a problem. knownRules, when given, drops ids
 * the server does not know, because one unknown id would make the server
 * ignore every other entry too.
 */
export function normalizeRules(raw: unknown, knownRules?: readonly string[]): RulesResult {
  const out: RulesResult = { rules: {}, problems: [] };
  if (raw === undefined || raw === null) {
    return out;
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    out.problems.push(`leakwatch.rules must be an object such as {"unbounded-cache": "off"}, not ${JSON.stringify(raw)}`);
    return out;
  }
  const known = knownRules ? new Set(knownRules) : undefined;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (known && !known.has(id)) {
      out.problems.push(`leakwatch.rules: unknown rule "${id}" (run \`leakwatch rules\` to list them); ignored`);
      continue;
    }
    const sev = severityOf(value);
    if (sev === undefined) {
      out.problems.push(`leakwatch.rules["${id}"]: ${JSON.stringify(value)} is not one of ${SEVERITIES.join(", ")}; ignored`);
      continue;
    }
    out.rules[id] = sev;
  }
  return out;
}

function severityOf(value: unknown): Severity | undefined {
  if (typeof value === "boolean") {
    return value ? "warning" : "off";
  }
  if (typeof value === "string") {
    return ALIASES[value.trim().toLowerCase()];
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return severityOf((value as { severity?: unknown }).severity);
  }
  return undefined;
}

/** What initialize sends: the top-level keys of .leakwatch.json. */
export function initializationOptions(rules: Record<string, Severity>): { rules: Record<string, Severity> } {
  return { rules: { ...rules } };
}

/** What workspace/didChangeConfiguration sends, under the "leakwatch" key. */
export function didChangeConfigurationSettings(rules: Record<string, Severity>): { leakwatch: { rules: Record<string, Severity> } } {
  return { leakwatch: { rules: { ...rules } } };
}

/**
 * The server layers didChangeConfiguration over initializationOptions and has
 * no "back to the default" severity, so a rule that was set when the server
 * started and has since been removed from the setting can only go back to
 * its default with a fresh server. Everything else is sent as a change.
 */
export function needsRestart(atStart: Record<string, Severity>, now: Record<string, Severity>): boolean {
  return Object.keys(atStart).some((id) => !(id in now));
}

export function sameRules(a: Record<string, Severity>, b: Record<string, Severity>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}
