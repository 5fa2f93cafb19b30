#!/usr/bin/env bash
# Make sure a Docker engine answers and the sandbox base image exists.
#
# - No engine answering, running as root on Debian/Ubuntu: install docker.io if dockerd is
#   missing, start dockerd in the background and wait for it.
# - A sandbox image missing (the Python base image, and one per language in IMAGES below): try
#   the registry first (what real users have); when that fails, build it locally from Debian
#   packages with debootstrap + `docker import` (no registry needed). Every image has python3:
#   the sandbox's supervisor is a Python program.
#
# Safe to run again: every step is skipped when its result is already there. An image this
# script built is labelled with the packages it holds, and built again when the list below
# has changed since (a new worksample that needs one more package in an image you have).
set -euo pipefail

BASE_IMAGE="${WORKSAMPLE_BASE_IMAGE:-worksample/python-pytest:bookworm}"
SUITE="${WORKSAMPLE_BASE_SUITE:-bookworm}"
MIRROR="${WORKSAMPLE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { echo "[ensure-docker] $*" >&2; }

engine_answers() { docker info >/dev/null 2>&1; }

start_engine() {
  if [ "$(id -u)" != 0 ]; then
    log "no Docker engine answers and this is not root: start Docker yourself, then rerun."
    exit 1
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || { log "no dockerd and no apt-get: install Docker, then rerun."; exit 1; }
    log "installing docker.io from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  log "starting dockerd (log: /var/log/worksample-dockerd.log)"
  nohup dockerd >/var/log/worksample-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    engine_answers && { log "engine is up"; return 0; }
    sleep 1
  done
  log "dockerd did not answer within 60 s; see /var/log/worksample-dockerd.log"
  exit 1
}

# name, then the Debian packages it holds (comma-separated, for debootstrap --include)
IMAGES=(
  "$BASE_IMAGE python3,python3-pytest"
  "worksample/node:bookworm python3,nodejs,node-typescript"
  # gotestsum: `go test` as JUnit XML, for a team's own Go suite in the junit mode
  "worksample/go:bookworm python3,golang-go,gotestsum"
)

build_image() {
  local image=$1 packages=$2
  command -v debootstrap >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || { log "need debootstrap (root, Debian) to build $image"; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local root
  root=$(mktemp -d /tmp/worksample-rootfs.XXXXXX)
  log "building $image from Debian $SUITE (debootstrap, about a minute)"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >/tmp/worksample-debootstrap.log 2>&1 \
    || { log "debootstrap failed; see /tmp/worksample-debootstrap.log"; rm -rf "$root"; exit 1; }
  # Drop what a test sandbox never needs: apt caches and docs make the image smaller.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man
  tar -C "$root" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    --change "LABEL worksample.packages=$packages" \
    - "$image" >/dev/null
  rm -rf "$root"
  log "built $image"
}

engine_answers || start_engine

# The packages an image was built with (its label), or nothing: not here, or built before the
# label (a registry's image is built by this script, so it carries the label too).
built_with() { docker image inspect --format '{{ index .Config.Labels "worksample.packages" }}' "$1" 2>/dev/null | sed 's/<no value>//'; }

for entry in "${IMAGES[@]}"; do
  read -r image packages <<<"$entry"
  if [ "$(built_with "$image")" = "$packages" ]; then
    log "$image is present"
  elif timeout 60 docker pull -q "$image" >/dev/null 2>&1; then
    log "pulled $image"
  else
    log "$image is missing or out of date and could not be pulled; building it locally"
    build_image "$image" "$packages"
  fi
done
