#!/usr/bin/env bash
# End-to-end tests of the editor and hook integrations, as a new user meets
# them:
#   1. the VS Code extension: npm ci, build, unit tests of the settings
#      wiring, package a .vsix with the linux-x64 binary, unzip and check it;
#   2. the pre-commit hook, run by the real pre-commit tool from a clone of
#      this repository: a commit with a leaking file is rejected with the
#      finding printed, the fixed file is accepted, and args: [--fix]
#      rewrites the file.
#
# Works on a fresh Debian machine with Go, gcc, Node/npm and apt: it
# installs pre-commit from apt and the pinned npm packages when missing.
# Runs without a terminal (CI=true, no stdin) and exits non-zero on any
# failure. scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n--> e2e-editors: %s\n' "$*"; }
fail() { printf 'e2e-editors: FAIL: %s\n' "$*" >&2; exit 1; }

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi

if ! command -v pre-commit >/dev/null && [ "${E2E_EDITORS_ONLY:-all}" != vscode ]; then
	step "installing pre-commit"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pre-commit >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# E2E_EDITORS_ONLY=vscode or =pre-commit runs one half, for quicker edits.
only=${E2E_EDITORS_ONLY:-all}

if [ "$only" = all ] || [ "$only" = vscode ]; then
# ---------------------------------------------------------------- VS Code
step "vscode: npm ci"
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error </dev/null)

step "vscode: npm run build"
(cd editors/vscode && npm run build </dev/null)

step "vscode: npm test (settings, binary lookup, status, manifest)"
(cd editors/vscode && npm test </dev/null)

step "vscode: package the .vsix"
vsix="$tmp/leakwatch-linux-x64.vsix"
VSIX_OUT="$vsix" editors/vscode/scripts/package.sh </dev/null

step "vscode: check the .vsix"
node editors/vscode/test/check-vsix.mjs "$vsix"
fi

if [ "$only" = all ] || [ "$only" = pre-commit ]; then

# ------------------------------------------------------------- pre-commit
# pre-commit installs a hook from a git revision, so the hook repository is
# a clone of HEAD plus the working tree's .pre-commit-hooks.yaml (committed
# in the clone), which lets an uncommitted edit of the hook be tested too.
pre-commit --version
step "pre-commit: hook repository (a clone of HEAD)"
hookrepo="$tmp/hookrepo"
git clone -q "$root" "$hookrepo"
cp .pre-commit-hooks.yaml "$hookrepo/.pre-commit-hooks.yaml"

# Isolate git from the user's and the machine's configuration (a global
# core.hooksPath makes `pre-commit install` refuse, a commit template or
# signing would need a terminal).
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL="$tmp/gitconfig"
git config --file "$GIT_CONFIG_GLOBAL" user.name "leakwatch e2e"
git config --file "$GIT_CONFIG_GLOBAL" user.email "e2e@leakwatch.invalid"
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" commit.gpgsign false
git -C "$hookrepo" add .pre-commit-hooks.yaml
git -C "$hookrepo" diff --cached --quiet || git -C "$hookrepo" commit -q -m "e2e: the working tree's hook definition"
rev=$(git -C "$hookrepo" rev-parse HEAD)

# A fresh pre-commit cache, so the hook is installed the way a new user's
# is: pre-commit runs `go install ./...` in its own clone. Sharing the module
# cache and the build cache keeps that from downloading or compiling again
# what the build above already did.
export PRE_COMMIT_HOME="$tmp/pre-commit-cache"
GOMODCACHE=$(go env GOMODCACHE)
GOCACHE=$(go env GOCACHE)
export GOMODCACHE GOCACHE

leaky_component() {
	cat <<'EOF'
import { useEffect, useState } from "react";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
  }, []);
  return <span>{width}</span>;
}
EOF
}

fixed_component() {
	cat <<'EOF'
import { useEffect, useState } from "react";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return <span>{width}</span>;
}
EOF
}

# new_project DIR [ARGS_LINE]: a git repository using the hook, as the
# README's snippet shows it.
new_project() {
	local dir=$1 args=${2:-}
	mkdir -p "$dir/src"
	git -C "$dir" init -q
	{
		echo "repos:"
		echo "  - repo: $hookrepo"
		echo "    rev: $rev"
		echo "    hooks:"
		echo "      - id: leakwatch"
		if [ -n "$args" ]; then echo "        args: $args"; fi
	} >"$dir/.pre-commit-config.yaml"
	(cd "$dir" && pre-commit install </dev/null >/dev/null)
	echo "# app" >"$dir/README.md"
	git -C "$dir" add .pre-commit-config.yaml README.md
	# No JS/TS staged: the hook is skipped, and this first commit installs it.
	git -C "$dir" commit -q -m "start" </dev/null >"$dir.start.log" 2>&1 || { cat "$dir.start.log"; fail "a commit without JS/TS files was rejected"; }
	grep -q "leakwatch.*Skipped" "$dir.start.log" || { cat "$dir.start.log"; fail "the hook did not report itself skipped on a commit without JS/TS files"; }
}

step "pre-commit: installing the hook (go install from the clone) and a commit without JS/TS"
app="$tmp/app"
new_project "$app"

step "pre-commit: a commit with a leaking file is rejected, with the finding"
leaky_component >"$app/src/WindowWidth.jsx"
git -C "$app" add src/WindowWidth.jsx
if git -C "$app" commit -q -m "add WindowWidth" </dev/null >"$tmp/leaky.log" 2>&1; then
	cat "$tmp/leaky.log"
	fail "the commit with a leaking file was accepted"
fi
cat "$tmp/leaky.log"
grep -q "src/WindowWidth.jsx:7:.*(listener-not-removed)" "$tmp/leaky.log" || fail "the rejected commit did not print the finding src/WindowWidth.jsx:7 listener-not-removed"
git -C "$app" rev-parse -q --verify HEAD~1 >/dev/null && fail "a commit was made despite the finding"

step "pre-commit: after the fix the commit is accepted"
fixed_component >"$app/src/WindowWidth.jsx"
git -C "$app" add src/WindowWidth.jsx
git -C "$app" commit -q -m "add WindowWidth, cleaned up" </dev/null >"$tmp/fixed.log" 2>&1 || { cat "$tmp/fixed.log"; fail "the commit with the fixed file was rejected"; }
cat "$tmp/fixed.log"
grep -q "leakwatch.*Passed" "$tmp/fixed.log" || fail "the hook did not report Passed"
[ "$(git -C "$app" log --format=%s -1)" = "add WindowWidth, cleaned up" ] || fail "the fixed commit is not HEAD"

step "pre-commit: args: [--fix] writes the cleanup, and the re-staged file commits"
appfix="$tmp/app-fix"
new_project "$appfix" "[--fix]"
leaky_component >"$appfix/src/WindowWidth.jsx"
git -C "$appfix" add src/WindowWidth.jsx
if git -C "$appfix" commit -q -m "add WindowWidth" </dev/null >"$tmp/fix.log" 2>&1; then
	cat "$tmp/fix.log"
	fail "the commit went through although --fix changed the file (pre-commit should stop it for review)"
fi
cat "$tmp/fix.log"
grep -q "removeEventListener(\"resize\", onResize)" "$appfix/src/WindowWidth.jsx" || { cat "$appfix/src/WindowWidth.jsx"; fail "--fix did not write the removeEventListener cleanup"; }
git -C "$appfix" add src/WindowWidth.jsx
git -C "$appfix" commit -q -m "add WindowWidth, fixed by leakwatch" </dev/null >"$tmp/fix2.log" 2>&1 || { cat "$tmp/fix2.log"; fail "the commit of the file --fix wrote was rejected"; }
cat "$tmp/fix2.log"
fi

step "passed"
