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
# Safe to run again: every step is skipped when its result is already there. An image that
# lacks a package of its list (built before a new worksample added one) is built again.
#
# Arguments: the images to ensure (names as in IMAGES); none, every image. The demo names
# those its sample assignments use, so it does not build the Java image.
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

# name, then the Debian packages it holds (comma-separated, for debootstrap --include), then
# optionally npm packages (pinned) installed in /opt/worksample-npm/node_modules
IMAGES=(
  # python3-coverage: the line coverage of a candidate's own tests
  "$BASE_IMAGE python3,python3-pytest,python3-coverage"
  # Jest and its JUnit reporter, and Vitest (its last line for Debian's Node 18, with a Vite
  # that still runs there; esbuild's and Rollup's native binaries come as npm packages): a
  # team's own Jest or Vitest suite in the junit mode. esbuild, Vite's, pinned: it transpiles
  # a TypeScript candidate's own tests (quality/own_tests_node/runner.py)
  "worksample/node:bookworm python3,nodejs,node-typescript jest@30.5.2,jest-junit@17.0.0,vitest@3.2.7,vite@6.4.6,esbuild@0.25.12"
  # gotestsum: `go test` as JUnit XML, for a team's own Go suite in the junit mode
  "worksample/go:bookworm python3,golang-go,gotestsum"
  # a headless JDK and JUnit 5 (its console launcher): a team's own JUnit suite in junit mode
  "worksample/java:bookworm python3,default-jdk-headless,junit5"
)

build_image() {
  local image=$1 packages=$2 npm_packages=$3
  command -v debootstrap >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || { log "need debootstrap (root, Debian) to build $image"; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local root
  root=$(mktemp -d /tmp/worksample-rootfs.XXXXXX)
  log "building $image from Debian $SUITE (debootstrap, about a minute)"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >/tmp/worksample-debootstrap.log 2>&1 \
    || { log "debootstrap failed; see /tmp/worksample-debootstrap.log"; rm -rf "$root"; exit 1; }
  [ -z "$npm_packages" ] || install_npm_packages "$root" "$npm_packages"
  # Drop what a test sandbox never needs: apt caches and docs make the image smaller.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man
  # A JDK's jmods are for jlink (building a runtime); javac and java never read them (75 MB).
  rm -rf "$root"/usr/lib/jvm/*/jmods
  tar -C "$root" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    - "$image" >/dev/null
  rm -rf "$root"
  log "built $image"
}

# npm packages into the image's /opt/worksample-npm, by the host's npm (the image's Node has
# none), without running the packages' install scripts
install_npm_packages() {
  local root=$1 npm_packages=$2
  command -v npm >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || { log "need npm to build the Node image"; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  }
  log "installing ${npm_packages//,/ } with npm"
  npm install --prefix "$root/opt/worksample-npm" --no-audit --no-fund --omit=dev --ignore-scripts \
    ${npm_packages//,/ } >/tmp/worksample-npm.log 2>&1 \
    || { log "npm install failed; see /tmp/worksample-npm.log"; rm -rf "$root"; exit 1; }
}

engine_answers || start_engine

# Whether a local image holds every package of its list: Debian's by dpkg, npm's by their
# folders. An image pulled from a registry or built by an older worksample is checked alike.
has_packages() {
  local image=$1 packages=$2 npm_packages=$3 folders="" name
  for name in ${npm_packages//,/ }; do
    folders+=" /opt/worksample-npm/node_modules/${name%@*}/package.json"
  done
  docker run --rm --network none --entrypoint sh "$image" -c \
    "dpkg-query -W ${packages//,/ } && ls $folders" >/dev/null 2>&1
}

wanted() { [ $# -eq 1 ] && return 0; local name; for name in "${@:2}"; do [ "$name" = "$1" ] && return 0; done; return 1; }

for name in "$@"; do
  printf '%s\n' "${IMAGES[@]}" | grep -q "^$name " || { log "no image $name in IMAGES"; exit 1; }
done

for entry in "${IMAGES[@]}"; do
  read -r image packages npm_packages <<<"$entry"
  npm_packages=${npm_packages:-}
  wanted "$image" "$@" || continue
  if docker image inspect "$image" >/dev/null 2>&1; then
    if has_packages "$image" "$packages" "$npm_packages"; then
      log "$image is present"
    else
      log "$image lacks some of $packages $npm_packages; building it again"
      build_image "$image" "$packages" "$npm_packages"
    fi
  elif timeout 60 docker pull -q "$image" >/dev/null 2>&1; then
    log "pulled $image"
  else
    log "$image could not be pulled; building it locally"
    build_image "$image" "$packages" "$npm_packages"
  fi
done
