import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";

import { bundledPath, expandPath, FileSystem, findInWorkspace, findOnPath, goInstallDirs, INSTALL_COMMAND, resolveBinary, ResolveInput } from "../src/binary";

// A file system described by a map: path -> executable?
function fakeFs(files: Record<string, boolean>): FileSystem {
  return {
    isFile: (p) => p in files,
    isExecutable: (p) => files[p] === true,
  };
}

const ext = "/home/dev/.vscode/extensions/leakwatch.leakwatch-0.1.0";
const bundled = path.join(ext, "bin", "leakwatch");

function input(over: Partial<ResolveInput>, files: Record<string, boolean>): ResolveInput {
  return { extensionPath: ext, platform: "linux", arch: "x64", envPath: "/usr/local/bin:/usr/bin", home: "/home/dev", fs: fakeFs(files), ...over };
}

test("the bundled binary wins over PATH when leakwatch.path is unset", () => {
  const r = resolveBinary(input({}, { [bundled]: true, "/usr/bin/leakwatch": true }));
  assert.deepEqual(r, { ok: true, path: bundled, source: "bundled", bundled: true });
});

test("a bundled binary that lost its executable bit is still chosen (the extension restores it)", () => {
  const r = resolveBinary(input({}, { [bundled]: false, "/usr/bin/leakwatch": true }));
  assert.equal(r.ok && r.path, bundled);
});

test("without a bundled binary, the first leakwatch on PATH is used", () => {
  const r = resolveBinary(input({}, { "/usr/local/bin/leakwatch": true, "/usr/bin/leakwatch": true }));
  assert.deepEqual(r, { ok: true, path: "/usr/local/bin/leakwatch", source: "PATH", bundled: false });
});

test("a non-executable file on PATH is skipped", () => {
  const r = resolveBinary(input({}, { "/usr/local/bin/leakwatch": false, "/usr/bin/leakwatch": true }));
  assert.equal(r.ok && r.path, "/usr/bin/leakwatch");
});

test("go install's folder is searched after PATH, for editors started without the shell's PATH", () => {
  const dirs = goInstallDirs({}, "/home/dev", "linux");
  assert.deepEqual(dirs, ["/home/dev/go/bin"]);
  const r = resolveBinary(input({ goBinDirs: dirs }, { "/home/dev/go/bin/leakwatch": true }));
  assert.deepEqual(r, { ok: true, path: "/home/dev/go/bin/leakwatch", source: "go-bin", bundled: false });
});

test("goInstallDirs honours GOBIN and every GOPATH entry", () => {
  assert.deepEqual(goInstallDirs({ GOBIN: "/opt/gobin", GOPATH: "/a:/b" }, "/home/dev", "linux"), ["/opt/gobin", "/a/bin", "/b/bin"]);
  assert.deepEqual(goInstallDirs({ GOPATH: "C:\\go;D:\\go" }, "C:\\Users\\dev", "win32"), ["C:\\go\\bin", "D:\\go\\bin"]);
});

test("leakwatch.path is used as given, and nothing else is tried when it is wrong", () => {
  const ok = resolveBinary(input({ configured: "/opt/lw/leakwatch" }, { "/opt/lw/leakwatch": true, [bundled]: true }));
  assert.deepEqual(ok, { ok: true, path: "/opt/lw/leakwatch", source: "setting", bundled: false });

  const missing = resolveBinary(input({ configured: "/opt/typo/leakwatch" }, { [bundled]: true, "/usr/bin/leakwatch": true }));
  assert.equal(missing.ok, false);
  if (!missing.ok) {
    assert.match(missing.message, /leakwatch\.path is set to "\/opt\/typo\/leakwatch"/);
    assert.ok(missing.message.includes(INSTALL_COMMAND), "the message says how to install");
  }
});

test("leakwatch.path pointing at a non-executable file says how to fix it", () => {
  const r = resolveBinary(input({ configured: "/opt/lw/leakwatch" }, { "/opt/lw/leakwatch": false }));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /not executable.*chmod \+x \/opt\/lw\/leakwatch/);
  }
});

test("a bare name in leakwatch.path is looked up on PATH", () => {
  const r = resolveBinary(input({ configured: "leakwatch-dev" }, { "/usr/bin/leakwatch-dev": true }));
  assert.deepEqual(r, { ok: true, path: "/usr/bin/leakwatch-dev", source: "setting", bundled: false });
});

test("~ and ${workspaceFolder} are expanded in leakwatch.path", () => {
  assert.equal(expandPath("~/go/bin/leakwatch", "/home/dev"), "/home/dev/go/bin/leakwatch");
  assert.equal(expandPath("${workspaceFolder}/bin/leakwatch", "/home/dev", "/src/app"), "/src/app/bin/leakwatch");
  assert.equal(expandPath("  /x/leakwatch  "), "/x/leakwatch");
  const r = resolveBinary(input({ configured: "${workspaceFolder}/tools/leakwatch", workspaceFolder: "/src/app" }, { "/src/app/tools/leakwatch": true }));
  assert.equal(r.ok && r.path, "/src/app/tools/leakwatch");
});

test("nothing found: the message names every place looked and the two fixes", () => {
  const r = resolveBinary(input({ goBinDirs: ["/home/dev/go/bin"] }, {}));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.deepEqual(r.tried, [bundled, "leakwatch on PATH", "/home/dev/go/bin"]);
    assert.ok(r.message.includes(INSTALL_COMMAND));
    assert.ok(r.message.includes("leakwatch.path"));
    assert.ok(r.message.includes(bundled));
  }
});

test("Windows: leakwatch.exe, PATHEXT and ; separators", () => {
  assert.equal(bundledPath("C:\\ext", "win32").endsWith("leakwatch.exe"), true);
  const fs = fakeFs({ "C:\\tools\\leakwatch.EXE": true });
  assert.equal(findOnPath("leakwatch", "C:\\nothing;C:\\tools", "win32", fs, ".COM;.EXE"), "C:\\tools\\leakwatch.EXE");
});

test("an empty PATH entry (the current folder) is not searched", () => {
  assert.equal(findOnPath("leakwatch", ":/usr/bin", "linux", fakeFs({ "leakwatch": true })), undefined);
  assert.equal(findOnPath("leakwatch", undefined, "linux", fakeFs({})), undefined);
});

// A project that ran `npm i -D leakwatch`: npm's .bin launcher (a Node
// script) and the platform package it starts.
const ws = "/src/app";
const wsLauncher = "/src/app/node_modules/.bin/leakwatch";
const wsNative = "/src/app/node_modules/@leakwatch/cli-linux-x64/bin/leakwatch";

test("a workspace's npm-installed leakwatch wins over the bundled binary and PATH, run natively", () => {
  const r = resolveBinary(input({ workspaceFolders: [ws] }, { [wsLauncher]: true, [wsNative]: true, [bundled]: true, "/usr/bin/leakwatch": true }));
  assert.deepEqual(r, { ok: true, path: wsNative, source: "workspace", bundled: false });
});

test("the platform package nested under leakwatch (npm's layout when hoisting is blocked) is found", () => {
  const nested = "/src/app/node_modules/leakwatch/node_modules/@leakwatch/cli-linux-x64/bin/leakwatch";
  const r = resolveBinary(input({ workspaceFolders: [ws] }, { [wsLauncher]: true, [nested]: true, [bundled]: true }));
  assert.equal(r.ok && r.path, nested);
});

test("without the platform package where npm puts it (pnpm), the .bin launcher itself is run", () => {
  const r = resolveBinary(input({ workspaceFolders: [ws] }, { [wsLauncher]: true, [bundled]: true }));
  assert.deepEqual(r, { ok: true, path: wsLauncher, source: "workspace", bundled: false });
});

test("a platform package left over without the .bin entry (leakwatch uninstalled) is not used", () => {
  const r = resolveBinary(input({ workspaceFolders: [ws] }, { [wsNative]: true, [bundled]: true }));
  assert.equal(r.ok && r.source, "bundled");
});

test("the package of another architecture is not run; the launcher is, and reports it", () => {
  const arm = "/src/app/node_modules/@leakwatch/cli-linux-arm64/bin/leakwatch";
  assert.equal(findInWorkspace(ws, "linux", "x64", fakeFs({ [wsLauncher]: true, [arm]: true })), wsLauncher);
  assert.equal(findInWorkspace(ws, "linux", "arm64", fakeFs({ [wsLauncher]: true, [arm]: true })), arm);
});

test("an untrusted workspace's binary is never run: the bundled one is", () => {
  const r = resolveBinary(input({ workspaceFolders: [ws], workspaceTrusted: false }, { [wsLauncher]: true, [wsNative]: true, [bundled]: true }));
  assert.deepEqual(r, { ok: true, path: bundled, source: "bundled", bundled: true });
});

test("leakwatch.path, being explicit, wins over the workspace's leakwatch", () => {
  const r = resolveBinary(input({ configured: "/opt/lw/leakwatch", workspaceFolders: [ws] }, { "/opt/lw/leakwatch": true, [wsLauncher]: true, [wsNative]: true }));
  assert.deepEqual(r, { ok: true, path: "/opt/lw/leakwatch", source: "setting", bundled: false });
});

test("multi-root: the first folder that installed leakwatch is used", () => {
  const other = "/src/lib";
  const otherLauncher = "/src/lib/node_modules/.bin/leakwatch";
  const r = resolveBinary(input({ workspaceFolders: [other, ws] }, { [wsLauncher]: true, [wsNative]: true, [bundled]: true }));
  assert.equal(r.ok && r.path, wsNative);
  const both = resolveBinary(input({ workspaceFolders: [other, ws] }, { [otherLauncher]: true, [wsLauncher]: true, [wsNative]: true }));
  assert.equal(both.ok && both.path, otherLauncher);
});

test("Windows: the .exe of the platform package is run, never the .cmd launcher (it needs a shell)", () => {
  const folder = "C:\\src\\app";
  const cmd = "C:\\src\\app\\node_modules\\.bin\\leakwatch.cmd";
  const exe = "C:\\src\\app\\node_modules\\@leakwatch\\cli-win32-x64\\bin\\leakwatch.exe";
  assert.equal(findInWorkspace(folder, "win32", "x64", fakeFs({ [cmd]: true, [exe]: true })), exe);
  assert.equal(findInWorkspace(folder, "win32", "x64", fakeFs({ [cmd]: true })), undefined);
});
