#!/usr/bin/env bash
# leakwatch heap on snapshots written by Chromium (the Go tests cover Node's):
# Debian's chromium, driven by playwright-core through the DevTools protocol,
# takes three snapshots of a page that leaks a window listener per panel; the
# three-snapshot diff must find those closures, 200 per round, held by the
# DOM's event listener list. Installs chromium from apt and the pinned
# playwright-core (editors/vscode/e2e) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
if ! command -v chromium >/dev/null; then
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -d editors/vscode/e2e/node_modules/playwright-core ]; then
	(cd editors/vscode/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/leakwatch" ./cmd/leakwatch
timeout 180 node heap/testdata/chromium/snapshots.mjs "$tmp"
# Exit code 1 means growth was found, as `check` exits 1 on findings.
rc=0
"$tmp/leakwatch" heap diff --format json "$tmp/base.heapsnapshot" "$tmp/target.heapsnapshot" "$tmp/final.heapsnapshot" >"$tmp/diff.json" || rc=$?
if [ "$rc" != 1 ]; then
	echo "FAIL (heap, chromium): leakwatch heap diff exited $rc, want 1 (growth found)" >&2
	exit 1
fi
node - "$tmp/diff.json" <<'JS'
const rep = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const g = (rep.groups || []).find((g) => g.kind === "closure" && g.name === "onResize");
const fail = (m) => { console.error("FAIL (heap, chromium): " + m + "\n" + JSON.stringify(rep.groups, null, 1).slice(0, 2000)); process.exit(1); };
if (!g) fail("no onResize closure group");
if (g.leaked !== 200) fail("leaked " + g.leaked + ", want 200");
if (JSON.stringify(g.counts) !== "[0,200,400]") fail("counts " + JSON.stringify(g.counts));
if (!JSON.stringify(g).includes("event listener")) fail("no event-listener holder on the retainer path");
console.log("ok (heap, chromium): " + g.leaked + " onResize closures held by DOM event listeners");
JS
