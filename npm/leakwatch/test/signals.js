// Checks that the launcher passes a SIGTERM on to the binary it started, as
// an editor stopping its language server expects (no leakwatch is left
// running on its own), and ends the way the binary ended.
//
//   node npm/leakwatch/test/signals.js <project with leakwatch installed>
//
// Linux only (it finds the binary's process in /proc). scripts/e2e-npm.sh
// runs it.
"use strict";

const cp = require("child_process");
const fs = require("fs");
const path = require("path");

const project = process.argv[2];
if (!project) {
  console.error("usage: node signals.js <project dir>");
  process.exit(2);
}
const DEADLINE_MS = 20000;

function fail(msg) {
  console.error("FAIL (launcher signals): " + msg);
  process.exit(1);
}

function withDeadline(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out waiting for " + what)), DEADLINE_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// childrenOf lists the processes whose parent is pid.
function childrenOf(pid) {
  const out = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch (_) {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid ...": comm may hold spaces, so cut after ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[1]) === pid) out.push(Number(entry));
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code !== "ESRCH";
  }
}

// startServer starts argv (a leakwatch lsp, directly or through the
// launcher) and resolves once it answered initialize, which proves the
// binary is up.
async function startServer(argv, cwd) {
  const child = cp.spawn(argv[0], argv.slice(1), { cwd, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: process.pid, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  await withDeadline(new Promise((resolve) => {
    let seen = "";
    child.stdout.on("data", (d) => {
      seen += d;
      if (seen.includes('"id":1')) resolve();
    });
  }), "the answer to initialize");
  return { child, exited };
}

// binaryBehind returns the pid of the one process the launcher started,
// checking it is leakwatch.
function binaryBehind(launcherPid) {
  const kids = childrenOf(launcherPid);
  if (kids.length !== 1) fail(`the launcher has ${kids.length} child processes, want 1 (the binary)`);
  const comm = fs.readFileSync(`/proc/${kids[0]}/comm`, "utf8").trim();
  if (comm !== "leakwatch") fail(`the launcher's child is ${comm}, not leakwatch`);
  return kids[0];
}

async function main() {
  const launcher = path.join(project, "node_modules", "leakwatch", "bin", "leakwatch.js");
  const binaryPath = path.join(project, "node_modules", "@leakwatch", "cli-linux-x64", "bin", "leakwatch");

  // What the binary itself does on SIGTERM (it shuts the server down and
  // exits), to compare the launcher with. Its stdin stays open, so only the
  // signal can end it.
  const direct = await startServer([binaryPath, "lsp"], project);
  direct.child.kill("SIGTERM");
  const want = await withDeadline(direct.exited, "leakwatch lsp to exit after SIGTERM");

  // 1. SIGTERM to the launcher reaches the binary, and the launcher ends as
  //    the binary did. Without the forwarding the launcher would die at once
  //    and leave the binary running.
  const viaLauncher = await startServer([process.execPath, launcher, "lsp"], project);
  const binary = binaryBehind(viaLauncher.child.pid);
  viaLauncher.child.kill("SIGTERM");
  const got = await withDeadline(viaLauncher.exited, "the launcher to exit after SIGTERM");
  if (alive(binary)) fail(`the binary (pid ${binary}) is still running after the launcher was stopped`);
  if (got.code !== want.code || got.signal !== want.signal) {
    fail(`after SIGTERM the launcher ended with ${JSON.stringify(got)}, the binary alone with ${JSON.stringify(want)}`);
  }

  // 2. A binary killed by a signal: the launcher dies of the same signal.
  const killed = await startServer([process.execPath, launcher, "lsp"], project);
  process.kill(binaryBehind(killed.child.pid), "SIGKILL");
  const end = await withDeadline(killed.exited, "the launcher to exit after its binary was killed");
  if (end.signal !== "SIGKILL") fail(`the launcher ended with ${JSON.stringify(end)} after its binary was killed, want signal SIGKILL`);

  console.log(`ok (launcher signals): SIGTERM passed on (both ended with ${JSON.stringify(want)}); a killed binary's signal passed back`);
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
