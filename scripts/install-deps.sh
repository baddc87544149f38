#!/bin/sh
# Install the Debian packages Waymark needs, only those that are missing.
#
#   scripts/install-deps.sh build   compiler and libraries
#   scripts/install-deps.sh test    build + unit, fuzz and browser test tools
#   scripts/install-deps.sh run     build + what `make run` needs
#
# Non-interactive; as root it installs, otherwise it names what to install.
set -eu

profile=${1:-build}

build_pkgs="gcc make pkg-config sqlite3 libsqlite3-dev libmicrohttpd-dev libjansson-dev
 libfyaml-dev libcsv-dev libsodium-dev liboath-dev libqrencode-dev libunistring-dev"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev chromium nodejs npm wrk nginx-light groff-base
	openssl curl"

case "$profile" in
build|run) wanted=$build_pkgs ;;
test) wanted="$build_pkgs $test_pkgs" ;;
*) echo "usage: $0 build|test|run" >&2; exit 2 ;;
esac

missing=
for pkg in $wanted; do
	# Node.js may come from elsewhere than Debian; a working node and npm will do.
	case "$pkg" in
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $pkg"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "waymark: missing Debian packages:$missing" >&2
		echo "waymark: run as root, or: sudo apt-get install$missing" >&2
		exit 1
	fi
	echo "waymark: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have no package lists yet.
	apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi

if [ "$profile" = test ]; then
	# Browser tests: playwright-core drives Debian's chromium; never download a browser.
	webdir=$(dirname "$0")/../tests/web
	if [ -f "$webdir/package.json" ] && { [ ! -d "$webdir/node_modules/playwright-core" ] ||
	   [ ! -d "$webdir/node_modules/@axe-core/playwright" ]; }; then
		echo "waymark: installing browser-test packages from npm" >&2
		(cd "$webdir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
