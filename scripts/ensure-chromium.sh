#!/usr/bin/env bash
# The review page (python -m extract review) is tested in a real headless browser
# (tests/test_review.py), and those tests fail rather than skip without one: make
# sure Debian's chromium is there. A no-op when it is already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-chromium: chromium is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: chromium is missing and this is not a Debian/Ubuntu system; install Chromium and put 'chromium' on PATH" >&2
    exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
