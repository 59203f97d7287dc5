#!/usr/bin/env bash
# End-to-end tests of `leakwatch lsp` with real clients:
#   1. headless Neovim (0.7 or later) with the plugin in editors/nvim;
#   2. Node with vscode-jsonrpc and vscode-languageserver-protocol, the
#      protocol layer of vscode-languageclient, including pull diagnostics.
# Each opens testdata/lsp/e2e/Size.jsx, gets the listener-not-removed
# diagnostic on the right line, applies the rule's own quick fix, checks the
# exact fixed text (testdata/lsp/e2e/Size.fixed.jsx) and sees it go away.
#
# Works on a fresh Debian machine with Go, gcc, Node/npm and apt: it
# installs Neovim from apt and the pinned npm packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n--> e2e-lsp: %s\n' "$*"; }

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi

if ! command -v nvim >/dev/null; then
	step "installing neovim"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -n 1

step "installing the pinned npm packages"
(cd testdata/lsp/node-client && { npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; })

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "building leakwatch"
go build -o "$tmp/leakwatch" ./cmd/leakwatch

step "neovim"
mkdir -p "$tmp/nvim-ws"
cp testdata/lsp/e2e/Size.jsx "$tmp/nvim-ws/"
LEAKWATCH_BIN="$tmp/leakwatch" LEAKWATCH_FILE="$tmp/nvim-ws/Size.jsx" LEAKWATCH_EXPECTED="$root/testdata/lsp/e2e/Size.fixed.jsx" \
	timeout 180 nvim --headless -u NONE -i NONE -n \
	--cmd "set rtp^=$root/editors/nvim" \
	-c "luafile $root/testdata/lsp/nvim/e2e.lua"

step "node (vscode-jsonrpc, vscode-languageserver-protocol)"
mkdir -p "$tmp/node-ws"
cp testdata/lsp/e2e/Size.jsx "$tmp/node-ws/"
timeout 180 node testdata/lsp/node-client/e2e.js "$tmp/leakwatch" "$tmp/node-ws/Size.jsx"

step "passed"
