#!/usr/bin/env bash
# Sets up a fresh machine that has only Node.js (>= 20.19) and npm: pnpm, Debian's chromium for the
# browser tests and Debian's postgresql for the storage tests (when we are root on a Debian-like
# system), Node.js 22 and 24 into a cache for the smoke subset that also runs on them, and the workspace's
# dependencies.
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
export REDOCLY_TELEMETRY=off TURBO_TELEMETRY_DISABLED=1

# corepack cannot fetch pnpm on these machines (signature error), so pnpm comes from npm.
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm@$PNPM_VERSION with npm"
  npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION"
fi

# Debian packages the tests drive, each started by the tests themselves (nothing under /etc is
# changed and none of the packages' own services is used). What is missing is installed with one
# `apt-get update` and one `apt-get install` (each update reads every package list again).
apt_missing=()
missing() { apt_missing+=("$@"); }
# Browser tests drive Debian's chromium through playwright-core; playwright's own download does not
# work here.
[ -x /usr/bin/chromium ] || missing chromium fonts-liberation
# The storage tests run on a real PostgreSQL server that they start themselves
# (@notebook-image/test-postgres): Debian's server programs are needed, not a running service.
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing postgresql
# `pnpm bench` loads the server with wrk (bench/src/wrk.mjs): a load generator in C leaves this
# small machine's CPU to the servers measured.
command -v wrk >/dev/null || missing wrk
# The docker engine's tests, benchmarks and `pnpm dev:engine` start a private container engine and
# registry themselves (@notebook-image/engine-host): podman's Docker-compatible API service, runc
# (crun fails on these machines), Debian's CNCF distribution registry and a static busybox for the
# base notebook image; their configuration is written per run into a temporary directory.
for tool in podman:podman runc:runc docker-registry:docker-registry; do
  command -v "${tool%%:*}" >/dev/null || missing "${tool##*:}"
done
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || missing busybox-static
# The container images' tests (packages/testcontainers) build the images with podman on an offline
# stand-in for the official node image (and the compose test's postgres on one for the postgres image),
# made once into the cache by scripts/offline-image-base.sh with mmdebstrap (below, after Node.js), and
# start the README's compose.yaml with podman-compose, whose services find each other by name through
# the CNI dnsname plugin.
for tool in mmdebstrap:mmdebstrap podman-compose:podman-compose; do
  command -v "${tool%%:*}" >/dev/null || missing "${tool##*:}"
done
[ -x /usr/lib/cni/dnsname ] || missing golang-github-containernetworking-plugin-dnsname
# The docs' image lifecycle section takes ids from the CLI's --json with jq, and its test runs it.
command -v jq >/dev/null || missing jq
if [ "${#apt_missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${apt_missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  else
    echo "bootstrap: ${apt_missing[*]} missing; the browser, storage and container tests and the benchmarks need them (sudo apt-get install ${apt_missing[*]})" >&2
  fi
fi

# A smoke subset of the client, CLI and server suites also runs on the other supported Node.js releases
# (scripts/node-versions.json; pnpm test's test:node22 and test:node24 tasks, via
# scripts/on-node.mjs). The npm registry's node-linux-<arch> packages hold the official binaries:
# each is installed once into the cache, not per run.
cache=${NOTEBOOK_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/notebook-image}
case "$(uname -m)" in aarch64 | arm64) node_arch=arm64 ;; *) node_arch=x64 ;; esac
# Both releases are fetched at once (each is a separate download and npm run).
node_installs=()
for node_version in $(node -e 'const v = require("./scripts/node-versions.json"); console.log(Object.entries(v).filter(([k]) => k !== "//").map(([, v]) => v).join(" "))'); do
  node_dir=$cache/node-$node_version
  if [ "$("$node_dir/node_modules/node-linux-$node_arch/bin/node" --version 2>/dev/null || true)" != "v$node_version" ]; then
    echo "bootstrap: installing Node.js $node_version (node-linux-$node_arch) into $node_dir"
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-save --no-audit --no-fund --no-package-lock "node-linux-$node_arch@$node_version" >/dev/null &
    node_installs+=($!)
  fi
done
# `wait PID` returns that install's status: set -e stops here when one failed.
for pid in "${node_installs[@]}"; do wait "$pid"; done

# The offline bases of the container images' tests (scripts/offline-image-base.sh: Debian root file systems
# made with mmdebstrap, one with the cached Node.js of the Containerfile's default base and npm, one with
# Debian's PostgreSQL for the compose test's stand-in), made once: minutes the first time, nothing after.
# They are made in the background while pnpm installs the workspace, and waited for at the end.
offline_bases=()
if [ "$(id -u)" = 0 ] && command -v mmdebstrap >/dev/null; then
  # The same major release as the Containerfile's default base (ARG BASE=…/node:<major>-…).
  node_major=$(sed -nE 's|^ARG BASE=.*/node:([0-9]+)-.*|\1|p' Containerfile)
  bash scripts/offline-image-base.sh node "$node_major" >/dev/null &
  offline_bases+=($!)
  bash scripts/offline-image-base.sh postgres >/dev/null &
  offline_bases+=($!)
fi

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi

if [ "${#offline_bases[@]}" -gt 0 ]; then
  echo "bootstrap: waiting for the container images' offline bases (mmdebstrap)"
  # `wait PID` returns that script's status: set -e stops here when one failed.
  for pid in "${offline_bases[@]}"; do wait "$pid"; done
fi
