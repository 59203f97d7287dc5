#!/usr/bin/env bash
# Builds the npm packages into dist/npm/ (`make npm`):
#   leakwatch-<version>.tgz                  the `leakwatch` command (a Node launcher)
#   leakwatch-cli-<platform>-<version>.tgz   one per platform, the native binary
#
# tree-sitter is C, so each binary needs a C compiler for its target:
#   linux-x64     gcc (natively on linux/amd64)
#   linux-arm64   aarch64-linux-gnu-gcc   (Debian: apt-get install gcc-aarch64-linux-gnu)
#   win32-x64     x86_64-w64-mingw32-gcc  (Debian: apt-get install gcc-mingw-w64-x86-64)
#   darwin-*      clang on macOS (.github/workflows/release.yml)
# A platform whose compiler is missing is skipped with a line saying so,
# unless it is named in NPM_REQUIRE (space-separated), which makes it an error.
#
#   scripts/build-npm.sh                               # the platforms this machine can build
#   NPM_PLATFORMS="darwin-arm64 darwin-x64" scripts/build-npm.sh
#   NPM_REQUIRE="linux-x64 linux-arm64 win32-x64" scripts/build-npm.sh
#   LEAKWATCH_VERSION=0.2.0 scripts/build-npm.sh       # release builds take the tag's version
#
# The version comes from one place, npm/leakwatch/package.json (or
# LEAKWATCH_VERSION); it is written into every package, into leakwatch's
# optionalDependencies, and into the binary (`leakwatch version`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

out=${NPM_OUT:-$root/dist/npm}
version=${LEAKWATCH_VERSION:-$(node -p 'require("./npm/leakwatch/package.json").version')}
version=${version#v}
host="$(go env GOHOSTOS)/$(go env GOHOSTARCH)"

case "$host" in
darwin/*) default_platforms="darwin-arm64 darwin-x64" ;;
*) default_platforms="linux-x64 linux-arm64 win32-x64" ;;
esac
platforms=${NPM_PLATFORMS:-$default_platforms}
require=" ${NPM_REQUIRE:-} "

# target PLATFORM: sets goos, goarch, cc (the compiler to use), hint (where
# to get it) and exe.
target() {
	exe=leakwatch
	case "$1" in
	linux-x64) goos=linux goarch=amd64 cc=x86_64-linux-gnu-gcc hint="apt-get install gcc-x86-64-linux-gnu" ;;
	linux-arm64) goos=linux goarch=arm64 cc=aarch64-linux-gnu-gcc hint="apt-get install gcc-aarch64-linux-gnu" ;;
	win32-x64) goos=windows goarch=amd64 cc=x86_64-w64-mingw32-gcc hint="apt-get install gcc-mingw-w64-x86-64" exe=leakwatch.exe ;;
	darwin-x64) goos=darwin goarch=amd64 cc=clang hint="build it on macOS, as the release workflow does" ;;
	darwin-arm64) goos=darwin goarch=arm64 cc=clang hint="build it on macOS, as the release workflow does" ;;
	*)
		echo "build-npm: unknown platform $1 (known: linux-x64 linux-arm64 win32-x64 darwin-x64 darwin-arm64)" >&2
		exit 2
		;;
	esac
	# The host's own gcc builds for the host; Debian names it without a prefix
	# only, and macOS's clang targets either architecture (cgo passes -arch).
	if [ "$host" = "$goos/$goarch" ] && [ "$goos" = linux ]; then
		cc=${CC:-gcc}
	fi
}

# The templates in npm/ must agree with the launcher's table, or a platform
# would be built that the launcher never looks for (or the reverse).
node - "$root/npm" <<'EOF'
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
const main = JSON.parse(fs.readFileSync(path.join(dir, "leakwatch/package.json"), "utf8"));
const launcher = fs.readFileSync(path.join(dir, "leakwatch/bin/leakwatch.js"), "utf8");
const deps = Object.keys(main.optionalDependencies).sort();
const templates = fs.readdirSync(dir).filter((d) => d.startsWith("cli-")).map((d) => `@leakwatch/${d}`).sort();
const inLauncher = [...launcher.matchAll(/"(@leakwatch\/cli-[a-z0-9-]+)"/g)].map((m) => m[1]).sort();
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
if (!same(deps, templates) || !same(deps, inLauncher)) {
  console.error("build-npm: the platform packages disagree:\n  optionalDependencies: " + deps + "\n  npm/cli-*: " + templates + "\n  bin/leakwatch.js: " + inLauncher);
  process.exit(1);
}
EOF

rm -rf "$out"
mkdir -p "$out/stage"

# stage DIR NAME: copies npm/DIR to the staging folder with the version set,
# plus the license.
stage() {
	local src=$1 dest="$out/stage/$1"
	mkdir -p "$dest"
	cp -R "npm/$src/." "$dest/"
	cp LICENSE "$dest/LICENSE"
	node -e '
		const fs = require("fs");
		const [file, version] = process.argv.slice(1);
		const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
		pkg.version = version;
		for (const dep of Object.keys(pkg.optionalDependencies || {})) pkg.optionalDependencies[dep] = version;
		fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
	' "$dest/package.json" "$version"
}

pack() {
	(cd "$out/stage/$1" && npm pack --silent --pack-destination "$out" >/dev/null)
}

built=()
for p in $platforms; do
	target "$p"
	# A clang on Linux is not enough for macOS: the build needs Apple's SDK.
	if [ "$goos" = darwin ] && [ "${host%%/*}" != darwin ]; then
		cc="clang with the macOS SDK"
	fi
	if ! command -v "$cc" >/dev/null; then
		if [[ "$require" == *" $p "* ]]; then
			echo "build-npm: $p needs the C compiler $cc, which is not installed ($hint)" >&2
			exit 1
		fi
		echo "build-npm: skipping $p: its C compiler $cc is not installed ($hint)"
		continue
	fi
	echo "==> $p: go build (GOOS=$goos GOARCH=$goarch CC=$cc)"
	stage "cli-$p"
	mkdir -p "$out/stage/cli-$p/bin"
	CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC=$cc \
		go build -trimpath -ldflags "-s -w -X main.version=v$version" \
		-o "$out/stage/cli-$p/bin/$exe" ./cmd/leakwatch
	chmod 755 "$out/stage/cli-$p/bin/$exe"
	pack "cli-$p"
	built+=("$p")
done

stage leakwatch
chmod 755 "$out/stage/leakwatch/bin/leakwatch.js"
pack leakwatch

echo "==> $out (version $version; platforms: ${built[*]:-none})"
for t in "$out"/*.tgz; do
	printf '  %-40s %9d bytes\n' "$(basename "$t")" "$(wc -c <"$t")"
done
