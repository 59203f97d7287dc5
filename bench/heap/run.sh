#!/usr/bin/env bash
# Heap benchmark: leakwatch heap diff against memlab find-leaks (pinned in
# package.json) on the same three snapshots of a generated heap of at
# least 300 MB per snapshot. Both parse the three snapshots and run the
# three-snapshot comparison; each runs alone, timed by /usr/bin/time
# (wall clock and peak RSS). Run by hand or with `make bench-heap`; it is
# not part of the test suite (generating the snapshots takes minutes).
#
#   MILLIONS=2.8 ./bench/heap/run.sh      # size of the generated heap
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache"
mkdir -p "$cache"
cd "$here"

if [ ! -x /usr/bin/time ]; then
	echo "bench/heap needs GNU time: apt-get install -y time" >&2
	exit 2
fi

# memlab, pinned by package-lock.json. Its puppeteer dependency is only
# for browser scenarios; snapshots need no browser.
if [ ! -x "$cache/node_modules/.bin/memlab" ]; then
	cp package.json package-lock.json "$cache/"
	(cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
memlab_version=$(node -p "require('$cache/node_modules/memlab/package.json').version")

(cd "$here/../.." && go build -o "$cache/leakwatch" ./cmd/leakwatch)

snaps="$cache/snapshots"
if [ ! -s "$snaps/final.heapsnapshot" ]; then
	mkdir -p "$snaps"
	echo "generating snapshots (MILLIONS=${MILLIONS:-2.8}) ..." >&2
	node --expose-gc --max-old-space-size=8192 gen.js "$snaps" "${MILLIONS:-2.8}" >&2
fi
base="$snaps/base.heapsnapshot" target="$snaps/target.heapsnapshot" final="$snaps/final.heapsnapshot"
size_mb() { echo $(( $(stat -c %s "$1") / 1024 / 1024 )); }

measure() { # name, command...: prints "wall_s rss_mb cpu_s"
	local name="$1"
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$cache/$name.time" "$@" >"$cache/$name.out" 2>"$cache/$name.err" || true
	read -r wall rss user sys < <(tail -n 1 "$cache/$name.time") || { echo "$name failed:" >&2; cat "$cache/$name.err" >&2; exit 1; }
	echo "$wall $((rss / 1024)) $(node -p "($user + $sys).toFixed(1)")"
}

echo "leakwatch heap diff ..." >&2
read -r lw_wall lw_rss lw_cpu < <(measure leakwatch "$cache/leakwatch" heap diff --format json "$base" "$target" "$final")
echo "memlab find-leaks ..." >&2
rm -rf "$cache/memlab-work"
read -r ml_wall ml_rss ml_cpu < <(cd "$cache" && NODE_OPTIONS=--max-old-space-size=16384 measure memlab \
	"$cache/node_modules/.bin/memlab" find-leaks --baseline "$base" --target "$target" --final "$final" --work-dir "$cache/memlab-work")

lw_groups=$(node -e "const d=JSON.parse(require('fs').readFileSync('$cache/leakwatch.out','utf8'));console.log(d.groups.map(g=>g.name+' x'+g.leaked).join(', '))" 2>/dev/null || echo "?")
cat <<TABLE

Snapshots: base $(size_mb "$base") MB, target $(size_mb "$target") MB, final $(size_mb "$final") MB (Node $(node --version), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))

| tool | parse + three-snapshot diff, wall | CPU (user+sys) | peak RSS |
|---|---|---|---|
| leakwatch heap diff | ${lw_wall} s | ${lw_cpu} s | ${lw_rss} MB |
| memlab ${memlab_version} find-leaks | ${ml_wall} s | ${ml_cpu} s | ${ml_rss} MB |
| memlab / leakwatch | $(node -p "($ml_wall/$lw_wall).toFixed(1)")x | $(node -p "($ml_cpu/$lw_cpu).toFixed(1)")x | $(node -p "($ml_rss/$lw_rss).toFixed(1)")x |

leakwatch's groups: $lw_groups
memlab's summary: $(grep -a -o 'MemLab found [0-9]* leak(s)' "$cache/memlab.out" "$cache/memlab.err" | head -1 | cut -d: -f2-)
TABLE
