#!/usr/bin/env bash
# Make the git histories two inventory-reservations samples carry (examples/README.md): a git
# bundle beside their files, which intake reads as their history and does not grade. The
# commits end on the files as they are, so the samples' scores do not change. Needs git; run
# again after changing those samples' files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
starter=assignments/inventory-reservations/starter/inventory.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

commit() {  # commit MESSAGE TIME: every change in the work tree, at TIME (UTC)
  git add -A
  GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -q -m "$1"
}

start() {  # start NAME: a repository holding the starter, committed
  mkdir "$work/$1" && cd "$work/$1"
  git init -q -b main
  cp "$root/$starter" inventory.py
  commit "Starter from the assignment" "2026-11-24T09:02:00Z"
}

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=Candidate GIT_AUTHOR_EMAIL=candidate@example.com
export GIT_COMMITTER_NAME=Candidate GIT_COMMITTER_EMAIL=candidate@example.com

# strong: steady steps, two hours within the budget of two and a half
from=$root/examples/inventory-reservations/strong
start strong
head -n 64 "$from/inventory.py" > inventory.py
commit "Errors, the Hold record and available()" "2026-11-24T09:38:00Z"
head -n 98 "$from/inventory.py" > inventory.py
commit "Reserve, release and confirm through a ledger of holds" "2026-11-24T10:21:00Z"
cp "$from/inventory.py" inventory.py
cp "$from/test_inventory.py" test_inventory.py
commit "Restock and expire; sweep expired holds first; tests" "2026-11-24T10:47:00Z"
cp "$from/NOTES.md" NOTES.md
commit "Notes on the design" "2026-11-24T11:04:00Z"
git bundle create "$from/history.bundle" --all 2>/dev/null

# partial: the starter, then everything in one commit an hour later
from=$root/examples/inventory-reservations/partial
start partial
cp "$from/inventory.py" inventory.py
commit "done" "2026-11-24T10:15:00Z"
git bundle create "$from/history.bundle" --all 2>/dev/null

echo "wrote examples/inventory-reservations/{strong,partial}/history.bundle"
