#!/usr/bin/env bash
# End-to-end test of the npm distribution, as a JavaScript developer meets it:
#   1. builds the packages (scripts/build-npm.sh, which `make npm` runs) for
#      linux-x64, linux-arm64 and win32-x64, and checks the cross-compiled
#      binaries' architecture with `file`; the linux-arm64 one also runs,
#      under qemu-user, on the leaking file below;
#   2. installs the tarballs into a new project with npm, offline, and runs
#      `npx leakwatch check` on a leaking file (exit 1, the finding printed)
#      and on a clean one (exit 0);
#   3. runs `npx leakwatch lsp` under the Node LSP client of e2e-lsp.sh:
#      diagnostic, quick fix, clean exit, all through the launcher; and
#      checks the launcher passes signals on to the binary, and that the
#      VS Code extension's lookup (editors/vscode/src/binary.ts) picks the
#      project's binary from this npm layout;
#   4. the launcher's messages when no binary fits: the platform package
#      left out of the install, and a platform with no package at all.
#
# Works on a fresh Debian machine with Go, gcc, Node/npm and apt: it
# installs the cross compilers, `file` and qemu-user from apt when missing.
# The cross builds compile tree-sitter's C for two more targets, which Go's
# build cache keeps for later runs. The Windows binary is only checked with
# `file`: running it would need Wine. scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n--> e2e-npm: %s\n' "$*"; }
fail() { printf 'e2e-npm: FAIL: %s\n' "$*" >&2; exit 1; }

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi

# Only what the test uses (no recommends): the arm64 C library is named,
# since the compiler merely recommends it, and of the Windows compiler's two
# thread models the default one (win32), which halves the download.
missing=()
command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
[ -f /usr/aarch64-linux-gnu/include/stdio.h ] || missing+=(libc6-dev-arm64-cross)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64-win32)
command -v file >/dev/null || missing+=(file)
command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
if [ ${#missing[@]} -gt 0 ]; then
	step "installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dist="$tmp/dist"

host=$(node -p 'process.platform + "-" + process.arch')
[ "$host" = linux-x64 ] || fail "this test runs on linux-x64 (it installs the native package there), not $host"

step "building the packages (scripts/build-npm.sh = make npm)"
NPM_OUT="$dist" NPM_REQUIRE="linux-x64 linux-arm64 win32-x64" scripts/build-npm.sh
version=$(node -p 'require("./npm/leakwatch/package.json").version')
for t in leakwatch leakwatch-cli-linux-x64 leakwatch-cli-linux-arm64 leakwatch-cli-win32-x64; do
	[ -f "$dist/$t-$version.tgz" ] || fail "$t-$version.tgz was not built"
	tar -tzf "$dist/$t-$version.tgz" | grep -x package/LICENSE >/dev/null || fail "$t-$version.tgz carries no LICENSE"
done

step "the cross-compiled binaries are for their platforms"
arm=$(file -b "$dist/stage/cli-linux-arm64/bin/leakwatch")
echo "linux-arm64: $arm"
[[ "$arm" == *"ELF 64-bit"*"ARM aarch64"* ]] || fail "the linux-arm64 binary is not an ARM aarch64 ELF: $arm"
win=$(file -b "$dist/stage/cli-win32-x64/bin/leakwatch.exe")
echo "win32-x64: $win"
[[ "$win" == *"PE32+ executable"*"x86-64"* ]] || fail "the win32-x64 binary is not a PE32+ x86-64 executable: $win"

# Every npm call below is offline, with an empty cache of its own and a
# registry address nothing listens on: the test must not need the network,
# and must not pass thanks to something the machine's npm cache holds.
export npm_config_cache="$tmp/npm-cache"
export npm_config_registry="http://127.0.0.1:9/"
export npm_config_offline=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

# new_project DIR: an empty npm project.
new_project() {
	mkdir -p "$1"
	printf '{ "name": "%s", "version": "1.0.0", "private": true }\n' "$(basename "$1")" >"$1/package.json"
}

step "npm install -D leakwatch (the local tarballs, offline)"
app="$tmp/app"
new_project "$app"
# The platform package is named next to leakwatch because the registry that
# would serve leakwatch's optionalDependencies is not there; npm then uses
# it for the optional dependency of the same name and version, and skips the
# other platforms' packages as it does on a real install.
(cd "$app" && npm install -D --loglevel=error "$dist/leakwatch-$version.tgz" "$dist/leakwatch-cli-linux-x64-$version.tgz" </dev/null)
[ -x "$app/node_modules/.bin/leakwatch" ] || fail "npm did not link node_modules/.bin/leakwatch"
for other in linux-arm64 win32-x64 darwin-x64 darwin-arm64; do
	[ ! -e "$app/node_modules/@leakwatch/cli-$other" ] || fail "@leakwatch/cli-$other was installed on linux-x64"
done
got=$(cd "$app" && npx --no-install leakwatch version </dev/null)
echo "$got"
[[ "$got" == "leakwatch v$version "* ]] || fail "npx leakwatch version printed '$got', want leakwatch v$version"

step "npx leakwatch check on a leaking file: exit 1, the finding printed"
cat >"$app/leaky.ts" <<'EOF'
import { useEffect } from "react";

// Subscribes on every change of onResize and never unsubscribes.
export function useWindowResize(onResize: () => void): void {
  useEffect(() => {
    window.addEventListener("resize", onResize);
  }, [onResize]);
}
EOF
set +e
(cd "$app" && npx --no-install leakwatch check leaky.ts </dev/null >"$tmp/check.out" 2>&1)
code=$?
set -e
cat "$tmp/check.out"
[ "$code" = 1 ] || fail "npx leakwatch check leaky.ts exited $code, want 1 (findings)"
grep -q '^leaky.ts:6:12: warning: .*(listener-not-removed)$' "$tmp/check.out" || fail "the finding leaky.ts:6:12 listener-not-removed was not printed"

step "the linux-arm64 binary runs (under qemu-aarch64) and finds the same leak"
set +e
(cd "$app" && qemu-aarch64 -L /usr/aarch64-linux-gnu "$dist/stage/cli-linux-arm64/bin/leakwatch" check leaky.ts </dev/null >"$tmp/arm64.out" 2>&1)
code=$?
set -e
cat "$tmp/arm64.out"
[ "$code" = 1 ] || fail "the linux-arm64 leakwatch check leaky.ts exited $code, want 1"
grep -q '^leaky.ts:6:12: warning: .*(listener-not-removed)$' "$tmp/arm64.out" || fail "the linux-arm64 binary did not print the finding"

step "npx leakwatch check on the fixed file: exit 0"
(cd "$app" && npx --no-install leakwatch check --fix leaky.ts </dev/null >/dev/null 2>&1) || true
grep -q 'window.removeEventListener("resize", onResize)' "$app/leaky.ts" || { cat "$app/leaky.ts"; fail "check --fix through npx did not write the cleanup"; }
(cd "$app" && npx --no-install leakwatch check leaky.ts </dev/null) || fail "npx leakwatch check on the fixed file exited $?, want 0"

step "npx leakwatch lsp under the Node LSP client (vscode-jsonrpc)"
if [ ! -d testdata/lsp/node-client/node_modules/vscode-jsonrpc ]; then
	# The client's own packages come from the registry, as in e2e-lsp.sh.
	(cd testdata/lsp/node-client && env -u npm_config_offline -u npm_config_registry -u npm_config_cache \
		npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
cp testdata/lsp/e2e/Size.jsx "$app/Size.jsx"
# The client starts "<server> lsp"; this server is npx in the project.
cat >"$tmp/npx-leakwatch" <<EOF
#!/bin/sh
cd "$app" && exec npx --no-install leakwatch "\$@"
EOF
chmod +x "$tmp/npx-leakwatch"
timeout 180 node testdata/lsp/node-client/e2e.js "$tmp/npx-leakwatch" "$app/Size.jsx"

step "signals: a SIGTERM to the launcher reaches the binary"
timeout 120 node npm/leakwatch/test/signals.js "$app"

step "the VS Code extension's lookup picks the project's leakwatch from this real npm layout"
if [ ! -x editors/vscode/node_modules/.bin/tsc ]; then
	(cd editors/vscode && env -u npm_config_offline -u npm_config_registry -u npm_config_cache \
		npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
(cd editors/vscode && node_modules/.bin/tsc -p tsconfig.test.json)
node - "$app" <<'EOF'
const fs = require("fs");
const path = require("path");
const { resolveBinary } = require("./editors/vscode/out/unit/src/binary.js");
const app = process.argv[2];
const realFs = {
  isFile: (p) => { try { return fs.statSync(p).isFile(); } catch { return false; } },
  isExecutable: (p) => { try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; } },
};
const r = resolveBinary({
  extensionPath: "/nonexistent-extension", platform: process.platform, arch: process.arch,
  workspaceFolders: [app], workspaceTrusted: true, envPath: "", fs: realFs,
});
const want = path.join(app, "node_modules", "@leakwatch", "cli-linux-x64", "bin", "leakwatch");
if (!r.ok || r.source !== "workspace" || r.path !== want) {
  console.error("e2e-npm: FAIL: the extension resolved " + JSON.stringify(r) + ", want " + want);
  process.exit(1);
}
console.log("extension resolves " + r.path + " (" + r.source + ")");
EOF

step "the launcher when the platform package was left out (npm i --omit=optional)"
bare="$tmp/bare"
new_project "$bare"
(cd "$bare" && npm install -D --omit=optional --loglevel=error "$dist/leakwatch-$version.tgz" </dev/null)
set +e
(cd "$bare" && npx --no-install leakwatch check . </dev/null >"$tmp/bare.out" 2>&1)
code=$?
set -e
cat "$tmp/bare.out"
[ "$code" = 2 ] || fail "the launcher without its platform package exited $code, want 2"
grep -qF "the package @leakwatch/cli-linux-x64, which holds the leakwatch binary for linux-x64, is not installed" "$tmp/bare.out" || fail "the message does not name the missing package and the platform"
grep -qF "npm i -D leakwatch" "$tmp/bare.out" || fail "the message does not say how to reinstall"
grep -qF "go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest" "$tmp/bare.out" || fail "the message does not say how to build from source"

step "the launcher on a platform with no package (LEAKWATCH_PLATFORM=freebsd-riscv64)"
set +e
(cd "$app" && LEAKWATCH_PLATFORM=freebsd-riscv64 npx --no-install leakwatch check leaky.ts </dev/null >"$tmp/none.out" 2>&1)
code=$?
set -e
cat "$tmp/none.out"
[ "$code" = 2 ] || fail "the launcher on an unknown platform exited $code, want 2"
grep -qF "there is no prebuilt leakwatch for freebsd-riscv64." "$tmp/none.out" || fail "the message does not name the platform"
grep -qF "Prebuilt binaries exist only in @leakwatch/cli-linux-x64, @leakwatch/cli-linux-arm64, @leakwatch/cli-win32-x64, @leakwatch/cli-darwin-x64, @leakwatch/cli-darwin-arm64." "$tmp/none.out" || fail "the message does not list the packages that exist"
grep -qF "go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest" "$tmp/none.out" || fail "the message does not say how to build from source"

step "the launcher runs LEAKWATCH_BINARY when set (a binary built from source)"
LEAKWATCH_BINARY="$app/node_modules/@leakwatch/cli-linux-x64/bin/leakwatch" LEAKWATCH_PLATFORM=freebsd-riscv64 \
	"$app/node_modules/.bin/leakwatch" version </dev/null | grep -q "^leakwatch v$version " || fail "LEAKWATCH_BINARY was not run"

step "passed"
