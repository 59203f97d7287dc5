#!/usr/bin/env bash
# leakwatch in real Emacs through eglot, headless: editors/emacs/leakwatch.el
# sets eglot up, and editors/emacs/test/leakwatch-e2e.el (Emacs in batch
# mode) checks that a leak reaches flymake, that the rule's code action
# writes the fix, and that the server exits with 0 after eglot-shutdown.
#
# Installs Emacs (emacs-nox) from apt when missing, and eglot: Debian's
# elpa-eglot when the Emacs is older than 29, which has eglot built in. On
# Debian 12 (Emacs 28) it also runs the test in Emacs 30 from
# bookworm-backports, unpacked into the user's cache folder, so that the
# built-in eglot is tested too.
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

# run_test EMACS [ARGS...]: the test in that Emacs. --batch skips the
# user's init file but not the site files, which is how Debian makes its
# elpa-* packages loadable. HOME is a fresh folder so that nothing of the
# user's ~/.emacs.d is loaded or written. timeout is the backstop for a
# hang the test's own deadlines do not catch.
run_test() {
	rm -rf "$tmp/project" "$tmp/home"
	mkdir "$tmp/project"
	HOME="$tmp/home" LEAKWATCH_BIN="$tmp/leakwatch" LEAKWATCH_E2E_DIR="$tmp/project" \
		timeout 300 "$@" --batch -L "$root/editors/emacs" -l "$root/editors/emacs/test/leakwatch-e2e.el" </dev/null
}

step "emacs --batch: $(emacs --version | head -1)"
run_test emacs || fail "the Emacs test failed (exit status $?)"

# Emacs 29 and later have eglot built in, a newer one than elpa-eglot.
# Debian 12's Emacs is 28, so the test runs a second time in Emacs 30 from
# bookworm-backports, downloaded and unpacked into a cache folder, not
# installed: the machine's Emacs stays as it is.
if [ "$(emacs --batch --eval '(princ emacs-major-version)')" -lt 29 ]; then
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	if [ "$codename" != bookworm ]; then
		echo "e2e-emacs: not testing a built-in eglot: Emacs is older than 29 and there is no backports recipe for '$codename' here"
	else
		cache=${LEAKWATCH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/leakwatch-e2e}/emacs-bookworm-backports
		if [ ! -f "$cache/.complete" ]; then
			step "downloading Emacs from bookworm-backports into $cache"
			rm -rf "$cache"
			mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" "$cache/debs"
			printf '%s\n' "deb http://deb.debian.org/debian bookworm main" \
				"deb http://deb.debian.org/debian bookworm-backports main" >"$cache/apt/sources.list"
			apt_own=(-o Dir::Etc::SourceList="$cache/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
				-o Dir::State::Lists="$cache/apt/lists" -o Dir::Cache="$cache/apt/cache" -o APT::Sandbox::User=root)
			apt-get "${apt_own[@]}" update -qq
			(cd "$cache/debs" && apt-get "${apt_own[@]}" download -qq \
				emacs-nox/bookworm-backports emacs-bin-common/bookworm-backports emacs-common/bookworm-backports libtree-sitter0)
			for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$cache/root"; done
			rm -rf "$cache/apt" "$cache/debs"
			touch "$cache/.complete"
		fi
		r=$cache/root
		version=$(ls "$r/usr/share/emacs" | grep -E '^[0-9]+\.[0-9]+$' | sort -V | tail -1)
		arch_dir=$(echo "$r/usr/libexec/emacs/$version"/*)
		emacs_bp=(env LD_LIBRARY_PATH="$r/usr/lib/x86_64-linux-gnu" EMACSDATA="$r/usr/share/emacs/$version/etc"
			EMACSLOADPATH="$r/usr/share/emacs/$version/lisp" EMACSPATH="$arch_dir"
			"$r/usr/bin/emacs-nox" --dump-file="$(echo "$arch_dir"/*.pdmp)")
		if missing=$(LD_LIBRARY_PATH="$r/usr/lib/x86_64-linux-gnu" ldd "$r/usr/bin/emacs-nox" | grep 'not found'); then
			fail "the backported Emacs lacks libraries: $missing"
		fi
		step "emacs --batch: $("${emacs_bp[@]}" --version | head -1) (bookworm-backports, built-in eglot)"
		run_test "${emacs_bp[@]}" || fail "the Emacs test failed in the backported Emacs (exit status $?)"
	fi
fi

step "byte-compile editors/emacs/leakwatch.el without warnings"
cp editors/emacs/leakwatch.el "$tmp/"
HOME="$tmp/home" emacs --batch --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile "$tmp/leakwatch.el" </dev/null ||
	fail "leakwatch.el does not byte-compile cleanly"
