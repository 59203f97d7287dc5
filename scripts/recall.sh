#!/usr/bin/env bash
# Scores leakwatch on the leak fixes listed in testdata/recall/manifest.tsv,
# reading both versions of each file from local git copies of the projects
# (see testdata/recall/README.md for the list and how to fetch them).
#
#   scripts/recall.sh                          # repositories under /work/.mirror
#   scripts/recall.sh -mirror ~/src/mirrors    # or elsewhere ($LEAKWATCH_RECALL_MIRROR)
#   scripts/recall.sh -json                    # for tooling
#   scripts/recall.sh -min-recall 0.75         # exit 1 below the target
#   scripts/recall.sh -hits testdata/recall/hits.tsv        # exit 1 when a row found before is missed
#   scripts/recall.sh -write-hits testdata/recall/hits.tsv  # after a change that finds more
#
# It builds leakwatch from this checkout; other flags go to bench/recall.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/leakwatch" ./cmd/leakwatch
go build -o "$bin/recall" ./bench/recall
"$bin/recall" -leakwatch "$bin/leakwatch" -manifest testdata/recall/manifest.tsv "$@"
