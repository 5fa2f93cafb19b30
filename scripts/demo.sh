#!/usr/bin/env bash
# Install worksample, check the seven sample assignments against their references and the order a
# person gave their samples, grade the samples (the coding task in the Docker sandbox), and
# write a review report per assignment from the stored results; prints the pages to open.
# On a fresh Debian machine as root this also installs and starts the engine and builds the
# sandbox base image.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[review]'
# the images the seven sample assignments use (not the Java one: no sample is in Java)
bash scripts/ensure-docker.sh "${WORKSAMPLE_BASE_IMAGE:-worksample/python-pytest:bookworm}" worksample/node:bookworm \
  worksample/go:bookworm

for assignment in inventory-reservations expense-ledger url-router api-rate-limiter csv-reader support-replies pricing-review; do
  echo
  echo "== worksample validate $assignment --ranking examples/$assignment.ranking.yaml"
  .venv/bin/worksample validate "$assignment" --ranking "examples/$assignment.ranking.yaml"
  echo
  echo "== worksample grade $assignment examples/$assignment/*"
  .venv/bin/worksample grade "$assignment" examples/"$assignment"/*
done
echo
echo "== worksample report pricing-review --out demo-report/pricing-review"
.venv/bin/worksample report pricing-review --out demo-report/pricing-review
echo
echo "== worksample report support-replies --out demo-report/support-replies"
.venv/bin/worksample report support-replies --out demo-report/support-replies
echo
echo "== worksample report expense-ledger --out demo-report/expense-ledger"
.venv/bin/worksample report expense-ledger --out demo-report/expense-ledger
echo
echo "== worksample report url-router --out demo-report/url-router"
.venv/bin/worksample report url-router --out demo-report/url-router
echo
echo "== worksample report api-rate-limiter --out demo-report/api-rate-limiter"
.venv/bin/worksample report api-rate-limiter --out demo-report/api-rate-limiter
echo
echo "== worksample report csv-reader --out demo-report/csv-reader"
.venv/bin/worksample report csv-reader --out demo-report/csv-reader
echo
echo "== worksample report inventory-reservations --out demo-report/inventory-reservations"
.venv/bin/worksample report inventory-reservations --out demo-report/inventory-reservations
echo
echo "== To read and rate the work in your browser, start the review server on these results:"
echo "   .venv/bin/worksample review pricing-review --reviewer \"YOUR NAME\"    # then open the link it prints"
echo "   (any of the seven assignments; --role hr for HR's view, --blind for aliases only; see docs/review.md)"
