#!/usr/bin/env bash
# Runs every Go fuzz target for a short, bounded time (FUZZTIME, default
# 8s each). Crashers land in the package's testdata/fuzz/<Target>/ and
# become regression seeds once committed. `make fuzz` runs them longer.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-8s}"
for pkg in $(go list ./...); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		echo "fuzz $pkg $target ($fuzztime)"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" >/tmp/leakwatch-fuzz.log 2>&1 || {
			cat /tmp/leakwatch-fuzz.log; exit 1; }
		tail -n 1 /tmp/leakwatch-fuzz.log
	done
done
