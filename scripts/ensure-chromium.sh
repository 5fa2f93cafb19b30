#!/usr/bin/env bash
# Make sure headless Chromium is there for the report tests (they open the report in a real
# browser) and for `worksample report --pdf`. As root on Debian, installs Debian's package.
set -euo pipefail

for browser in chromium chromium-browser google-chrome; do
  if command -v "$browser" >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-chromium] no Chromium found; install it (Debian: apt-get install chromium)" >&2
  exit 1
fi
echo "[ensure-chromium] installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "[ensure-chromium] $(chromium --version 2>/dev/null || echo installed)"
