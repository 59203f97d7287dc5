#!/usr/bin/env bash
# leakwatch in real Emacs through eglot, headless: editors/emacs/leakwatch.el
# sets eglot up, and editors/emacs/test/leakwatch-e2e.el (Emacs in batch
# mode) checks that a leak reaches flymake, that the rule's code action
# writes the fix, and that the server exits with 0 after eglot-shutdown.
#
# Installs Emacs (emacs-nox) from apt when missing, and eglot: Debian's
# elpa-eglot when the Emacs is older than 29, which has eglot built in.
# scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n--> e2e-emacs: %s\n' "$*"; }
fail() { printf 'e2e-emacs: FAIL: %s\n' "$*" >&2; exit 1; }

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
apt_install() {
	step "installing from apt: $*"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v emacs >/dev/null || apt_install emacs-nox
# eglot is part of Emacs from 29 on; before that it is a package.
if ! emacs --batch --eval '(kill-emacs (if (locate-library "eglot") 0 1))' 2>/dev/null; then
	apt_install elpa-eglot
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "go build ./cmd/leakwatch"
go build -o "$tmp/leakwatch" ./cmd/leakwatch
mkdir "$tmp/project"

step "emacs --batch: $(emacs --version | head -1)"
# --batch skips the user's init file but not the site files, which is how
# Debian makes its elpa-* packages loadable. HOME is a fresh folder so that
# nothing of the user's ~/.emacs.d is loaded or written. timeout is the
# backstop for a hang the test's own deadlines do not catch.
HOME="$tmp/home" LEAKWATCH_BIN="$tmp/leakwatch" LEAKWATCH_E2E_DIR="$tmp/project" \
	timeout 300 emacs --batch -L "$root/editors/emacs" -l "$root/editors/emacs/test/leakwatch-e2e.el" </dev/null ||
	fail "the Emacs test failed (exit status $?)"

step "byte-compile editors/emacs/leakwatch.el without warnings"
cp editors/emacs/leakwatch.el "$tmp/"
HOME="$tmp/home" emacs --batch --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile "$tmp/leakwatch.el" </dev/null ||
	fail "leakwatch.el does not byte-compile cleanly"
