#!/usr/bin/env bash
# Builds the leakwatch binary for linux-x64 into bin/, bundles the
# extension, and packages both into a .vsix for VS Code's linux-x64 target.
#
#   editors/vscode/scripts/package.sh            # -> dist/leakwatch-<version>-linux-x64.vsix
#   VSIX_OUT=/tmp/lw.vsix editors/vscode/scripts/package.sh
#
# Needs Go and a C compiler (tree-sitter is cgo) on a linux-x64 machine, and
# Node/npm; the only network it uses is the npm registry (npm ci) and the Go
# module proxy (go build), both skipped when already cached.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

# The binary is built natively: cross-compiling cgo needs a cross C compiler,
# so this script packages the platform it runs on, which must be linux-x64.
if [ "$(go env GOOS)/$(go env GOARCH)" != "linux/amd64" ]; then
	echo "package.sh: this builds the linux-x64 .vsix and must run on linux/amd64, not $(go env GOOS)/$(go env GOARCH)" >&2
	exit 2
fi

version="$(node -p 'require("./package.json").version')"
out="${VSIX_OUT:-$repo/dist/leakwatch-$version-linux-x64.vsix}"
go_version="$(git -C "$repo" describe --tags --always --dirty 2>/dev/null || echo "$version")"

echo "==> go build ./cmd/leakwatch -> editors/vscode/bin/leakwatch ($go_version)"
mkdir -p bin
(cd "$repo" && CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=$go_version" -o "$here/bin/leakwatch" ./cmd/leakwatch)
chmod 755 bin/leakwatch
bin/leakwatch version

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "==> npm ci"
	npm ci --no-audit --no-fund
fi

echo "==> npm run build"
npm run build

# vsce takes the license from the extension's folder; the one copy lives at
# the repository's root, so it is copied in for packaging (and ignored by git).
cp "$repo/LICENSE" LICENSE

echo "==> vsce package -> $out"
mkdir -p "$(dirname "$out")"
# --no-dependencies: esbuild already inlined vscode-languageclient into
# out/extension.js, so node_modules stays out of the package.
# --target linux-x64: the bundled binary only runs there; VS Code refuses to
# install the package elsewhere instead of failing at activation.
npx --no-install vsce package --no-dependencies --target linux-x64 --out "$out" </dev/null

echo "$out"
