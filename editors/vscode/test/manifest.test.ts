// package.json is what VS Code reads; these tests keep it in step with the
// code that reads the settings and registers the commands.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import { COMMANDS, LANGUAGES, SETTINGS } from "../src/manifest";
import { SEVERITIES } from "../src/settings";

// Compiled to out/unit/test/, so the package root is three folders up.
const root = path.resolve(__dirname, "..", "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

test("activates on every language the client sends to the server", () => {
  for (const lang of LANGUAGES) {
    assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), `missing onLanguage:${lang}`);
  }
});

test("contributes exactly the commands the extension registers", () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, "leakwatch", `${c.command} shows as "leakwatch: ${c.title}" in the palette`);
  }
  const titles = pkg.contributes.commands.map((c: { title: string }) => c.title);
  assert.ok(titles.includes("Restart server"));
  assert.ok(titles.includes("Check workspace"));
});

test("declares every setting the extension reads, with the severities the server accepts", () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [...SETTINGS].sort());
  assert.deepEqual(props["leakwatch.rules"].definitions.severity.enum, [...SEVERITIES]);
  assert.deepEqual(props["leakwatch.trace.server"].enum, ["off", "messages", "verbose"]);
  assert.equal(props["leakwatch.path"].default, "");
});

test("the entry point is the bundle npm run build writes, and vsce needs no prompts", () => {
  assert.equal(pkg.main, "./out/extension.js");
  assert.match(pkg.scripts.build, /--outfile=out\/extension\.js/);
  for (const field of ["publisher", "license", "repository", "engines"]) {
    assert.ok(pkg[field], `package.json needs "${field}" or vsce asks about it`);
  }
});

test("dependencies are pinned to exact versions", () => {
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    assert.match(String(version), /^\d+\.\d+\.\d+$/, `${name}@${version} is not pinned`);
  }
});

test("extension.ts registers every contributed command", () => {
  // extension.ts imports "vscode" and cannot be loaded here; its source
  // is read instead, which is enough to catch a command left unregistered.
  const src = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8");
  for (const key of Object.keys(COMMANDS)) {
    assert.ok(src.includes(`registerCommand(COMMANDS.${key},`), `COMMANDS.${key} is contributed but not registered`);
  }
});
