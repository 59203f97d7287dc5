#!/usr/bin/env bash
# Runs `leakwatch check --fix` over the held-out applications of
# testdata/heldout/projects.tsv and leaves the fixes to review as a git diff
# (see "Fixes on held-out code" in testdata/heldout/README.md).
#
#   scripts/fixreview.sh [scratch]    # default /tmp/fixreview; mirrors under $LEAKWATCH_RECALL_MIRROR or /work/.mirror
#
# Each project's folders, and every package.json of its repository (the
# nearest one names the framework versions the fixes follow), are exported at
# the pinned commit into scratch/<name>, committed, and fixed in one run from
# scratch, as scripts/heldout.sh checks them, so the labels' paths match.
# Afterwards: scratch/fixes.diff, scratch/changed.txt (the files fixed),
# scratch/before.json and scratch/after.json (the findings before and after).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mirror=${LEAKWATCH_RECALL_MIRROR:-/work/.mirror}
scratch=${1:-/tmp/fixreview}
if [ -e "$scratch" ]; then
	echo "fixreview: $scratch exists; remove it or name another folder" >&2
	exit 2
fi
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
(cd "$root" && go build -o "$scratch/.leakwatch" ./cmd/leakwatch)

names=()
while IFS=$'\t' read -r name repo commit folders; do
	case "$name" in '#'* | '') continue ;; esac
	git=$mirror/${repo%%/*}+${repo#*/}/repo
	[ -d "$git" ] || git=$mirror/${repo%%/*}+${repo#*/}
	if ! git -C "$git" rev-parse --git-dir >/dev/null 2>&1; then
		echo "fixreview: skipping $name: no git copy of $repo under $mirror" >&2
		continue
	fi
	mkdir -p "$scratch/$name"
	# shellcheck disable=SC2086 # the folders column is a list of pathspecs
	if ! git -C "$git" archive --format tar "$commit" -- $folders | tar -x -C "$scratch/$name"; then
		echo "fixreview: skipping $name: git archive failed" >&2
		rm -rf "${scratch:?}/$name"
		continue
	fi
	mapfile -t pkgs < <(git -C "$git" ls-tree -r --name-only "$commit" | grep -E '(^|/)package\.json$' | grep -v node_modules || true)
	if [ ${#pkgs[@]} -gt 0 ] && ! git -C "$git" archive --format tar "$commit" -- "${pkgs[@]}" | tar -x -C "$scratch/$name"; then
		echo "fixreview: $name: its package.json files could not all be exported" >&2
	fi
	names+=("$name")
done <"$root/testdata/heldout/projects.tsv"

cd "$scratch"
chmod -R u+w "${names[@]}"
git init -q .
git add -A "${names[@]}"
git -c user.name=fixreview -c user.email=fixreview@localhost commit -qm "held-out applications as exported"
# Exit 1 means findings remain; anything above is a failure.
./.leakwatch check --format json -- "${names[@]}" >before.json || [ $? -eq 1 ]
./.leakwatch check --fix -- "${names[@]}" >fix.log || [ $? -eq 1 ]
./.leakwatch check --format json -- "${names[@]}" >after.json || [ $? -eq 1 ]
git diff -U5 >fixes.diff
git diff --name-only >changed.txt
echo "fixreview: $(wc -l <changed.txt) files fixed in ${#names[@]} projects; $scratch/fixes.diff"
