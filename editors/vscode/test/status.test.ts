import { test } from "node:test";
import * as assert from "node:assert/strict";

import { COMMANDS } from "../src/manifest";
import { CLIENT_STATE, crashMessage, CrashPolicy, stateFromClient, statusView, summaryMessage } from "../src/status";

test("languageclient states map to starting/running/stopped/error", () => {
  assert.equal(stateFromClient(CLIENT_STATE.Starting, false), "starting");
  assert.equal(stateFromClient(CLIENT_STATE.Running, false), "running");
  assert.equal(stateFromClient(CLIENT_STATE.Stopped, true), "stopped");
  // A stop nobody asked for is the server dying.
  assert.equal(stateFromClient(CLIENT_STATE.Stopped, false), "error");
});

test("the client's State enum values are the ones mirrored", () => {
  // vscode-languageclient/lib/common/client.d.ts: Stopped = 1, Running = 2, Starting = 3.
  assert.deepEqual(CLIENT_STATE, { Stopped: 1, Running: 2, Starting: 3 });
});

test("each state has its own text; broken states click through to a restart", () => {
  const views = (["starting", "running", "stopped", "error"] as const).map((s) => statusView(s));
  assert.equal(new Set(views.map((v) => v.text)).size, 4);
  assert.equal(statusView("running").command, COMMANDS.showOutput);
  assert.equal(statusView("error").command, COMMANDS.restartServer);
  assert.equal(statusView("stopped").command, COMMANDS.restartServer);
  assert.equal(statusView("error").background, "statusBarItem.errorBackground");
  assert.equal(statusView("running").background, undefined);
  assert.match(statusView("error", "binary not found").tooltip, /binary not found/);
});

test("a crashing server is restarted three times in three minutes, then left stopped", () => {
  const p = new CrashPolicy(3, 180_000);
  assert.equal(p.crashed(0), true);
  assert.equal(p.crashed(1_000), true);
  assert.equal(p.crashed(2_000), true);
  assert.equal(p.crashed(3_000), false);
  assert.equal(p.recent, 4);
});

test("crashes older than the window are forgotten", () => {
  const p = new CrashPolicy(3, 180_000);
  p.crashed(0);
  p.crashed(1_000);
  p.crashed(2_000);
  assert.equal(p.crashed(200_000), true, "the first three are out of the window");
  p.reset();
  assert.equal(p.recent, 0);
});

test("the crash message says what happened and how to fix it", () => {
  const m = crashMessage(4, 3, "/usr/bin/leakwatch");
  assert.match(m, /crashed 4 times in the last 3 minutes/);
  assert.match(m, /\/usr\/bin\/leakwatch/);
  assert.match(m, /go install github\.com\/leakwatch\/leakwatch\/cmd\/leakwatch@latest/);
  assert.match(m, /leakwatch\.path/);
});

test("workspace check summaries read naturally", () => {
  assert.equal(summaryMessage({ files: 12, filesWithFindings: 0, findings: 0 }), "leakwatch: no leaks found in 12 files.");
  assert.equal(summaryMessage({ files: 1, filesWithFindings: 0, findings: 0 }), "leakwatch: no leaks found in 1 file.");
  assert.equal(summaryMessage({ files: 19, filesWithFindings: 3, findings: 5 }), "leakwatch: 5 findings in 3 files of 19 checked; see the Problems panel.");
  assert.match(summaryMessage({ files: 19, filesWithFindings: 1, findings: 1, cancelled: true }), /^leakwatch: workspace check cancelled; so far 1 finding in 1 file of 19/);
  assert.equal(summaryMessage(null), "leakwatch: the workspace check finished.");
});
