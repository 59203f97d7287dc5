#!/usr/bin/env node
// The `leakwatch` command of the npm package. leakwatch is a native Go
// binary; npm installs the one for this machine as an optional dependency
// (@leakwatch/cli-<platform>-<arch>, skipped on other machines by its
// "os"/"cpu" fields), and this script finds it and runs it as if it were
// the command itself: same arguments, same terminal, same exit code.
//
// No dependencies: it runs before anything else of leakwatch's is known to
// be installed.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

// The platforms with a published binary, as <process.platform>-<process.arch>.
const PACKAGES = {
  "linux-x64": "@leakwatch/cli-linux-x64",
  "linux-arm64": "@leakwatch/cli-linux-arm64",
  "win32-x64": "@leakwatch/cli-win32-x64",
  "darwin-x64": "@leakwatch/cli-darwin-x64",
  "darwin-arm64": "@leakwatch/cli-darwin-arm64",
};

const FROM_SOURCE =
  "go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest   (needs Go and a C compiler)";

// Exit code for "cannot run leakwatch at all": leakwatch's own code for a
// usage or configuration error, so that CI scripts which accept 1
// (findings) still fail.
const EXIT_SETUP = 2;

// SetupError carries a message for the user out of findBinary. It is
// printed and the exit code set, rather than process.exit() called, so the
// message is not cut short on a pipe that is written asynchronously.
class SetupError extends Error {}

function fail(lines) {
  throw new SetupError(lines.join("\n"));
}

function report(message) {
  process.stderr.write("leakwatch: " + message + "\n");
  process.exitCode = EXIT_SETUP;
}

// Linux binaries are linked against glibc; on musl (Alpine) npm skips them
// and the reason deserves its own sentence.
function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    const report = process.report && process.report.getReport();
    return !!report && !report.header.glibcVersionRuntime;
  } catch (_) {
    return false;
  }
}

function findBinary() {
  // LEAKWATCH_BINARY runs a binary of your own (built from source, or a
  // development build) through the same command.
  if (process.env.LEAKWATCH_BINARY) {
    return process.env.LEAKWATCH_BINARY;
  }
  // LEAKWATCH_PLATFORM pretends to be another platform; it exists so the
  // messages below can be tested on a machine that has a binary.
  const platform = process.env.LEAKWATCH_PLATFORM || `${process.platform}-${process.arch}`;
  const pkg = PACKAGES[platform];
  const exe = platform.startsWith("win32-") ? "leakwatch.exe" : "leakwatch";
  const known = Object.values(PACKAGES).join(", ");

  if (!pkg) {
    fail([
      `there is no prebuilt leakwatch for ${platform}.`,
      `Prebuilt binaries exist only in ${known}.`,
      "Build it from source instead:",
      `  ${FROM_SOURCE}`,
      "then run that leakwatch directly, or point this command at it with LEAKWATCH_BINARY=/path/to/leakwatch.",
    ]);
  }
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch (_) {
    const musl = isMusl()
      ? [`This looks like a musl system (Alpine): the prebuilt Linux binaries need glibc, so npm skipped ${pkg}.`]
      : [];
    fail([
      `the package ${pkg}, which holds the leakwatch binary for ${platform}, is not installed.`,
      ...musl,
      "npm installs it with leakwatch unless optional dependencies are left out (--omit=optional,",
      "--no-optional) or the lockfile was written on another platform by an npm that dropped it.",
      "Reinstall with optional dependencies:",
      "  npm i -D leakwatch",
      "or build leakwatch from source:",
      `  ${FROM_SOURCE}`,
      "and set LEAKWATCH_BINARY=/path/to/leakwatch.",
    ]);
  }
  const binary = path.join(pkgDir, "bin", exe);
  if (!fs.existsSync(binary)) {
    fail([
      `${pkg} is installed but has no ${path.join("bin", exe)} (looked at ${binary}).`,
      "The package is damaged: remove node_modules and install again.",
    ]);
  }
  return binary;
}

function run() {
  const binary = findBinary();
  const child = spawn(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });

  // Signals sent to this process (an editor stopping its language server, a
  // CI runner cancelling a job) are passed on, so the binary is never left
  // running on its own. A signal from the terminal (Ctrl-C) reaches both
  // processes anyway; Go treats the second one like the first.
  const forwarded = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"].filter((s) => process.platform !== "win32" || s !== "SIGQUIT");
  const handlers = {};
  for (const sig of forwarded) {
    handlers[sig] = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    process.on(sig, handlers[sig]);
  }

  child.on("error", (err) => {
    for (const sig of forwarded) process.removeListener(sig, handlers[sig]);
    report(`could not start ${binary}: ${err.message}`);
  });
  child.on("exit", (code, signal) => {
    for (const sig of forwarded) process.removeListener(sig, handlers[sig]);
    if (signal) {
      // Die of the same signal, so the caller sees what the binary saw;
      // should it be ignored here, exit the way a shell reports it.
      process.exitCode = 128 + (os.constants.signals[signal] || 0);
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code === null ? 1 : code;
  });
}

try {
  run();
} catch (err) {
  if (!(err instanceof SetupError)) throw err;
  report(err.message);
}
