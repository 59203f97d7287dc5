#!/usr/bin/env node
// Checks a packaged .vsix the way VS Code will see it: unzips it (keeping
// file modes, as VS Code's installer does), then checks the manifest, that
// the entry point loads and exports activate/deactivate, and that the
// bundled binary is executable and answers an LSP initialize.
//
//   node test/check-vsix.mjs path/to/leakwatch-<version>-linux-x64.vsix
//
// Only Node's standard library: the check must not depend on an unzip tool
// being installed.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

const LANGUAGES = ["javascript", "javascriptreact", "typescript", "typescriptreact", "vue", "svelte"];
const COMMANDS = { "leakwatch.restartServer": "Restart server", "leakwatch.runWorkspaceCheck": "Check workspace" };
const SETTINGS = ["leakwatch.path", "leakwatch.rules", "leakwatch.trace.server"];

// unzip reads the central directory (the authoritative list, with the Unix
// mode in the high half of the external attributes) and inflates each entry.
function unzip(file, dest) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.notEqual(eocd, -1, `${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, "bad central directory entry");
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const external = buf.readUInt32LE(p + 38);
    const localOff = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    const lnameLen = buf.readUInt16LE(localOff + 26);
    const lextraLen = buf.readUInt16LE(localOff + 28);
    const start = localOff + 30 + lnameLen + lextraLen;
    const raw = buf.subarray(start, start + compSize);
    const data = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : assert.fail(`${name}: compression method ${method}`);
    // 3 = Unix: the mode is meaningful; anything else gets plain 0644.
    const mode = madeBy === 3 && external >>> 16 ? (external >>> 16) & 0o777 : 0o644;
    assert.ok(!name.split("/").includes(".."), `${name} escapes the package`);
    const out = path.join(dest, name);
    if (name.endsWith("/")) {
      fs.mkdirSync(out, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, data, { mode });
    fs.chmodSync(out, mode); // writeFileSync's mode is filtered by the umask
    entries.set(name, { mode, size: data.length });
  }
  return entries;
}

// loadEntry requires the bundled entry point with a stand-in "vscode"
// module, which is enough to prove the bundle is complete (no missing
// require) and exports what VS Code calls. Activation itself needs VS Code.
function loadEntry(main) {
  const require = createRequire(main);
  const Module = require("node:module");
  const stub = new Proxy(function () {}, {
    get: (_t, prop) => (prop === "__esModule" ? false : stub),
    apply: () => stub,
    construct: () => stub,
  });
  const origLoad = Module._load;
  Module._load = function (request, ...rest) {
    return request === "vscode" ? stub : origLoad.call(this, request, ...rest);
  };
  try {
    return require(main);
  } finally {
    Module._load = origLoad;
  }
}

// lspInitialize starts `leakwatch lsp`, sends initialize/initialized/
// shutdown/exit, and resolves with the initialize result and exit code.
function lspInitialize(binary, rootDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["lsp"], { stdio: ["pipe", "pipe", "pipe"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("leakwatch lsp did not answer initialize within 20s"));
    }, 20_000);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const send = (msg) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    let pending = Buffer.alloc(0);
    let result;
    child.stdout.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headerEnd = pending.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        const m = /Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString());
        if (!m) return reject(new Error(`bad header from the server: ${pending.subarray(0, headerEnd)}`));
        const len = Number(m[1]);
        if (pending.length < headerEnd + 4 + len) return;
        const msg = JSON.parse(pending.subarray(headerEnd + 4, headerEnd + 4 + len).toString("utf8"));
        pending = pending.subarray(headerEnd + 4 + len);
        if (msg.id === 1) {
          result = msg;
          send({ method: "initialized", params: {} });
          send({ id: 2, method: "shutdown" });
        } else if (msg.id === 2) {
          send({ method: "exit" });
        } else if (msg.method && msg.id !== undefined) {
          send({ id: msg.id, result: null }); // e.g. client/registerCapability
        }
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ result, code, stderr });
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    send({
      id: 1,
      method: "initialize",
      params: {
        processId: process.pid,
        rootUri: `file://${rootDir}`,
        workspaceFolders: [{ uri: `file://${rootDir}`, name: "check" }],
        capabilities: {},
        initializationOptions: { rules: { "unbounded-cache": "off" } },
      },
    });
  });
}

async function main() {
  const vsix = process.argv[2];
  if (!vsix) {
    console.error("usage: node test/check-vsix.mjs <file.vsix>");
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakwatch-vsix-"));
  let failed = 0;
  let passed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(err?.stack ?? err).split("\n").join("\n  ")}`);
    }
  };
  try {
    const entries = unzip(vsix, dir);
    const ext = path.join(dir, "extension");
    const pkg = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));

    await check("the manifest targets linux-x64 (the only platform the bundled binary runs on)", () => {
      const manifest = fs.readFileSync(path.join(dir, "extension.vsixmanifest"), "utf8");
      assert.match(manifest, /TargetPlatform="linux-x64"/);
      assert.match(manifest, /Id="leakwatch"/);
    });
    await check("activates on the JavaScript, TypeScript, Vue and Svelte language ids", () => {
      for (const lang of LANGUAGES) {
        assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), `no onLanguage:${lang} in ${JSON.stringify(pkg.activationEvents)}`);
      }
      assert.ok(!pkg.activationEvents.includes("*"), "no start-up activation");
    });
    await check("contributes the restart and check-workspace commands", () => {
      const byId = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c]));
      for (const [id, title] of Object.entries(COMMANDS)) {
        assert.ok(byId[id], `command ${id} missing`);
        assert.equal(`${byId[id].category}: ${byId[id].title}`, `leakwatch: ${title}`);
      }
    });
    await check("contributes the leakwatch.path, leakwatch.rules and leakwatch.trace.server settings", () => {
      const props = pkg.contributes.configuration.properties;
      for (const s of SETTINGS) {
        assert.ok(props[s], `setting ${s} missing`);
      }
      assert.equal(props["leakwatch.rules"].type, "object");
    });
    await check("the main entry exists, loads, and exports activate and deactivate", () => {
      const main = path.join(ext, pkg.main);
      assert.ok(fs.existsSync(main), `${pkg.main} is not in the package`);
      const mod = loadEntry(main);
      assert.equal(typeof mod.activate, "function");
      assert.equal(typeof mod.deactivate, "function");
    });
    await check("extension/bin/leakwatch exists and is executable", () => {
      const e = entries.get("extension/bin/leakwatch");
      assert.ok(e, "extension/bin/leakwatch is not in the package");
      assert.ok(e.mode & 0o111, `extension/bin/leakwatch has mode ${e.mode.toString(8)} in the zip, not executable`);
      fs.accessSync(path.join(ext, "bin", "leakwatch"), fs.constants.X_OK);
    });
    await check("the bundled binary serves LSP: initialize, shutdown, exit 0", async () => {
      const { result, code, stderr } = await lspInitialize(path.join(ext, "bin", "leakwatch"), dir);
      assert.ok(result?.result?.capabilities, `no capabilities in ${JSON.stringify(result)}; stderr: ${stderr}`);
      assert.equal(result.result.serverInfo?.name, "leakwatch");
      assert.deepEqual(result.result.capabilities.executeCommandProvider?.commands, ["leakwatch.checkWorkspace"]);
      assert.equal(code, 0, `exit code ${code} after shutdown; stderr: ${stderr}`);
    });
    await check("the MIT license is packaged (vsce names it LICENSE.txt)", () => {
      assert.equal(pkg.license, "MIT");
      const text = fs.readFileSync(path.join(ext, "LICENSE.txt"), "utf8");
      assert.match(text, /^MIT License\n\nCopyright \(c\) 2026 The leakwatch authors\n/);
      assert.match(text, /THE SOFTWARE IS PROVIDED "AS IS"/);
    });
    await check("nothing but the bundle, the binary, the docs and the license is packaged", () => {
      // An allow list, so that a widened .vscodeignore (sources, maps,
      // node_modules) shows up here rather than in users' installs.
      const allowed = new Set([
        "[Content_Types].xml",
        "extension.vsixmanifest",
        "extension/package.json",
        "extension/readme.md",
        "extension/changelog.md",
        "extension/LICENSE.txt",
        "extension/out/extension.js",
        "extension/bin/leakwatch",
      ]);
      const names = [...entries.keys()];
      const extra = names.filter((n) => !allowed.has(n));
      assert.deepEqual(extra, [], `unexpected files in the package: ${extra.join(", ")}`);
      const missing = [...allowed].filter((n) => !entries.has(n));
      assert.deepEqual(missing, [], `missing from the package: ${missing.join(", ")}`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The plain closing line CI reads.
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
