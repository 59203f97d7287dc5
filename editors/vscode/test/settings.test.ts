import { test } from "node:test";
import * as assert from "node:assert/strict";

import { didChangeConfigurationSettings, initializationOptions, needsRestart, normalizeRules, sameRules } from "../src/settings";

const known = ["listener-not-removed", "timer-not-cleared", "unbounded-cache"];

test("severities pass through, aliases become the canonical names", () => {
  const r = normalizeRules({ "timer-not-cleared": "error", "unbounded-cache": "OFF", "listener-not-removed": "warn" }, known);
  assert.deepEqual(r.rules, { "timer-not-cleared": "error", "unbounded-cache": "off", "listener-not-removed": "warning" });
  assert.deepEqual(r.problems, []);
});

test("true/false and {severity} are accepted, as in .leakwatch.json", () => {
  const r = normalizeRules({ "timer-not-cleared": false, "unbounded-cache": true, "listener-not-removed": { severity: "hint" } }, known);
  assert.deepEqual(r.rules, { "timer-not-cleared": "off", "unbounded-cache": "warning", "listener-not-removed": "hint" });
});

test("an unknown rule id is dropped with a problem, so the server keeps the others", () => {
  const r = normalizeRules({ "timer-not-clear": "off", "unbounded-cache": "off" }, known);
  assert.deepEqual(r.rules, { "unbounded-cache": "off" });
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0], /unknown rule "timer-not-clear".*leakwatch rules/);
});

test("without the binary's rule list, ids are passed through unchecked", () => {
  const r = normalizeRules({ "some-future-rule": "error" });
  assert.deepEqual(r.rules, { "some-future-rule": "error" });
});

test("a bad severity is dropped with a problem naming the valid ones", () => {
  const r = normalizeRules({ "unbounded-cache": "loud", "timer-not-cleared": 3 }, known);
  assert.deepEqual(r.rules, {});
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0], /"loud" is not one of off, hint, info, warning, error/);
});

test("a setting that is not an object is reported, not thrown", () => {
  assert.deepEqual(normalizeRules(undefined).rules, {});
  assert.deepEqual(normalizeRules(null).rules, {});
  const r = normalizeRules(["unbounded-cache"]);
  assert.deepEqual(r.rules, {});
  assert.match(r.problems[0], /must be an object/);
});

test("initializationOptions uses the top-level keys of .leakwatch.json", () => {
  // lsp/config.go's parseSettings reads {"rules": {...}} at the top level.
  assert.deepEqual(initializationOptions({ "unbounded-cache": "off" }), { rules: { "unbounded-cache": "off" } });
  assert.deepEqual(JSON.parse(JSON.stringify(initializationOptions({}))), { rules: {} });
});

test("didChangeConfiguration nests the settings under leakwatch", () => {
  assert.deepEqual(didChangeConfigurationSettings({ "timer-not-cleared": "error" }), { leakwatch: { rules: { "timer-not-cleared": "error" } } });
});

test("the payloads are copies: later edits to the settings object do not leak into a sent message", () => {
  const rules: Record<string, "off" | "error"> = { "unbounded-cache": "off" };
  const sent = initializationOptions(rules);
  rules["unbounded-cache"] = "error";
  assert.equal(sent.rules["unbounded-cache"], "off");
});

test("removing a rule that was set at start needs a restart; changing or adding one does not", () => {
  const atStart = { "unbounded-cache": "off" } as const;
  assert.equal(needsRestart(atStart, {}), true);
  assert.equal(needsRestart(atStart, { "unbounded-cache": "error" }), false);
  assert.equal(needsRestart(atStart, { "unbounded-cache": "off", "timer-not-cleared": "hint" }), false);
  assert.equal(needsRestart({}, { "timer-not-cleared": "hint" }), false);
});

test("sameRules compares contents, not identity or order", () => {
  assert.equal(sameRules({ a: "off", b: "error" }, { b: "error", a: "off" }), true);
  assert.equal(sameRules({ a: "off" }, { a: "error" }), false);
  assert.equal(sameRules({ a: "off" }, { a: "off", b: "off" }), false);
});
