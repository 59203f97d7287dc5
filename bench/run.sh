#!/usr/bin/env bash
# The benchmark (`make bench`): leakwatch against ESLint with the leak
# plugins and oxlint, on the JS/TS files of a pinned set of npm packages.
#
#   bench/run.sh                          # everything, 3 measured runs per tool
#   BENCH_RUNS=5 bench/run.sh             # more runs
#   BENCH_TOOLS=cold,parseonly,oxlint bench/run.sh   # some rows only
#   bench/run.sh -j 1                     # extra arguments go to bench/runner
#
# It installs what is missing into bench/.cache (corpus ~80 MB, peers ~60 MB;
# reused while bench/*/package.json and package-lock.json are unchanged),
# builds leakwatch, the parse-only floor and the runner, lists the corpus
# files and hands over to bench/runner, which prints the tables.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cache=bench/.cache

say() { printf 'bench: %s\n' "$*" >&2; }
need() {
	command -v "$1" >/dev/null 2>&1 || { say "$1 is required ($2)"; exit 2; }
}
need go "to build leakwatch"
need node "to run ESLint and oxlint"
need npm "to install the corpus and the peers"

# digest prints a digest of the files given that exist.
digest() {
	local f
	for f in "$@"; do
		if [ -f "$f" ]; then
			printf '%s\n' "$f"
			cat "$f"
		fi
	done | if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1
}

# install NAME puts bench/NAME's packages into bench/.cache/NAME, from the
# committed package-lock.json when there is one, and skips the work when the
# installed copy was made from the same package.json and lock.
install() {
	local name=$1 src=bench/$1 dst=$cache/$1
	local stamp
	stamp=$(digest "$src/package.json" "$src/package-lock.json")
	if [ -d "$dst/node_modules" ] && [ "$(cat "$dst/.stamp" 2>/dev/null)" = "$stamp" ]; then
		say "$name: installed ($dst)"
		return
	fi
	say "$name: installing into $dst"
	mkdir -p "$dst"
	rm -f "$dst/.stamp" "$dst/package-lock.json"
	cp "$src/package.json" "$dst/"
	local flags=(--ignore-scripts --no-audit --no-fund --loglevel=error)
	if [ -f "$src/package-lock.json" ]; then
		cp "$src/package-lock.json" "$dst/"
		# npm ci refuses a lock that lacks an optional dependency of another
		# platform (oxlint's native bindings), which a registry mirror may not
		# serve; npm install then still installs the locked versions.
		(cd "$dst" && { npm ci "${flags[@]}" 2>/dev/null || npm install "${flags[@]}"; }) >&2
	else
		(cd "$dst" && npm install "${flags[@]}") >&2
		cp "$dst/package-lock.json" "$src/package-lock.json"
		say "$name: wrote $src/package-lock.json; commit it so the benchmark is reproducible"
		stamp=$(digest "$src/package.json" "$src/package-lock.json")
	fi
	printf '%s\n' "$stamp" >"$dst/.stamp"
}

install corpus
install peers
cp bench/peers/eslint.config.mjs "$cache/peers/eslint.config.mjs"

say "building leakwatch, the parse-only floor and the runner"
go build -o "$cache/leakwatch" ./cmd/leakwatch
go build -o "$cache/parseonly" ./bench/parseonly
go build -o "$cache/runner" ./bench/runner

# The corpus: every JS/TS file of the installed packages, .d.ts included,
# sorted so that every tool gets them in the same order. Minified bundles
# (*.min.*, 10 files, 0.5 MB) are left out because oxlint skips them even
# when they are named, and leakwatch's own walk skips them too: this keeps
# the work identical for every tool.
list=$cache/files.txt
(
	cd "$cache/corpus"
	find node_modules -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \
		-o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) ! -name '*.min.*' |
		LC_ALL=C sort
) >"$list"
count=$(wc -l <"$list" | tr -d ' ')
# Reading every file once also puts the corpus in the page cache before the
# warm-up runs.
bytes=$(cd "$cache/corpus" && tr '\n' '\0' <"$root/$list" | xargs -0 cat | wc -c | tr -d ' ')
say "corpus: $count files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
if [ "$count" -eq 0 ]; then
	say "the corpus has no files; remove $cache/corpus and run again"
	exit 1
fi

say "load before measuring: $(uptime | sed 's/.*load average[s]*: //')"
args=(-corpus "$root/$cache/corpus" -list "$root/$list" -leakwatch "$root/$cache/leakwatch"
	-parseonly "$root/$cache/parseonly" -peers "$root/$cache/peers" -work "$root/$cache/work")
[ -n "${BENCH_RUNS:-}" ] && args+=(-runs "$BENCH_RUNS")
[ -n "${BENCH_JOBS:-}" ] && args+=(-j "$BENCH_JOBS")
[ -n "${BENCH_TOOLS:-}" ] && args+=(-tools "$BENCH_TOOLS")
rm -rf "$cache/work"
exec "$cache/runner" "${args[@]}" "$@"
