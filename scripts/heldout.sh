#!/usr/bin/env bash
# Measures leakwatch's precision on the held-out applications listed in
# testdata/heldout/projects.tsv against the labels in
# testdata/heldout/labels.tsv (see testdata/heldout/README.md).
#
#   scripts/heldout.sh                          # repositories under /work/.mirror
#   scripts/heldout.sh -mirror ~/src/mirrors    # or elsewhere ($LEAKWATCH_RECALL_MIRROR)
#
# It builds leakwatch from this checkout; other flags go to bench/heldout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/leakwatch" ./cmd/leakwatch
go build -o "$bin/heldout" ./bench/heldout
"$bin/heldout" -leakwatch "$bin/leakwatch" "$@"
