#!/usr/bin/env bash
# Install worksample, check the sample assignment, grade the sample submissions in the Docker
# sandbox, and write the review report from the stored results; prints the page to open. On a fresh Debian machine as root this also
# installs and starts the engine and builds the sandbox base image.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
bash scripts/ensure-docker.sh

echo "== worksample validate inventory-reservations"
.venv/bin/worksample validate inventory-reservations
echo
echo "== worksample grade inventory-reservations examples/inventory-reservations/*"
.venv/bin/worksample grade inventory-reservations examples/inventory-reservations/*
echo
echo "== worksample report inventory-reservations --out demo-report"
.venv/bin/worksample report inventory-reservations --out demo-report
