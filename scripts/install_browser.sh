#!/usr/bin/env bash
# Install Debian's Chromium for the end-to-end UI test (tests/e2e), unless it
# is already there. Idempotent. Never downloads a browser build of its own:
# the test drives /usr/bin/chromium through the Python `playwright` package.
#
#   bash scripts/install_browser.sh        (as root, or with sudo available)
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install_browser: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install_browser: $CHROMIUM is missing and this is not root (and no sudo); run as root:" >&2
    echo "  apt-get update && apt-get install -y chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" >&2
    exit 1
fi

echo "install_browser: $CHROMIUM not found; installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install_browser: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "install_browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
