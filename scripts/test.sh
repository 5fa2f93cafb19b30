#!/usr/bin/env bash
# Install what the tests need and run the whole suite, real Docker engine included.
# On a fresh Debian machine as root this also installs and starts the engine and builds the
# sandbox base image (scripts/ensure-docker.sh), and installs headless Chromium for the report
# tests (scripts/ensure-chromium.sh). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
bash scripts/ensure-docker.sh
bash scripts/ensure-chromium.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
