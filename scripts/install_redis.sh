#!/usr/bin/env bash
# Install Debian's redis-server for the distributed test (tests/distributed),
# unless it is already there. Idempotent. The test starts its own server on a
# free port of 127.0.0.1; nothing here starts or enables a service.
#
#   bash scripts/install_redis.sh        (as root, or with sudo available)
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    echo "install_redis: $(command -v redis-server) already present ($(redis-server --version | cut -d' ' -f3)); nothing to do"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install_redis: redis-server is missing and this is not root (and no sudo); run as root:" >&2
    echo "  apt-get update && apt-get install -y redis-server" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_redis: redis-server is missing and apt-get is not available; install Redis by hand" >&2
    exit 1
fi

echo "install_redis: redis-server not found; installing Debian's redis-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends redis-server

if ! command -v redis-server >/dev/null 2>&1; then
    echo "install_redis: apt-get finished but redis-server is still missing" >&2
    exit 1
fi
echo "install_redis: installed $(redis-server --version | cut -d' ' -f1-3)"
