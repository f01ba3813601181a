#!/usr/bin/env bash
# Makes the offline stand-ins for the official images these machines cannot pull, each a root file
# system tarball for `podman import`: a minimal Debian bookworm (mmdebstrap, from Debian's packages)
# with what the project relies on from the official image.
#
#   node <major>   for docker.io/library/node:<major>-bookworm-slim, the Containerfile's base: the official
#                  Node.js binary (the npm registry's node-linux-<arch> package, which
#                  scripts/bootstrap.sh caches) as /usr/local/bin/node, npm beside it, and the `node` user
#                  (uid and gid 1000). It also trusts what this machine trusts: the certificate bundle
#                  Node.js is told of here (NODE_EXTRA_CA_CERTS, else the system's) is copied to
#                  /etc/ssl/certs/ca-certificates.crt, for machines whose way out re-signs TLS (the
#                  importer points NODE_EXTRA_CA_CERTS and npm_config_cafile at it).
#   postgres       for docker.io/library/postgres, which compose.yaml starts: Debian's PostgreSQL server,
#                  the base of the compose test's stand-in (packages/testcontainers/test/postgres/Containerfile).
#
# Usage: scripts/offline-image-base.sh node <major>   (a key of scripts/node-versions.json, e.g. 24)
#        scripts/offline-image-base.sh postgres
# Prints the tarball's path. Each is made once into the cache, named after the versions it holds.
set -euo pipefail
cd "$(dirname "$0")/.."

USAGE="usage: scripts/offline-image-base.sh node <major> | postgres"
# The npm release put beside Node.js (the official image ships the one Node.js bundles; any npm 11
# installs pnpm, which is all the Containerfile asks of it).
NPM_VERSION=11.6.2
# bookworm's PostgreSQL.
POSTGRES_MAJOR=15
SUITE=bookworm
MIRROR=http://deb.debian.org/debian

cache=${NOTEBOOK_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/notebook-image}
case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; *) arch=x64 ;; esac

kind=${1:-}
case "$kind" in
  node)
    major=${2:-}
    node_version=$(node -p "require('./scripts/node-versions.json')['$major'] ?? ''")
    [ -n "$node_version" ] || {
      echo "offline-image-base: no Node.js '$major' in scripts/node-versions.json ($USAGE)" >&2
      exit 2
    }
    out=$cache/offline-image-base/$SUITE-node-$node_version-npm-$NPM_VERSION-$arch.tar
    ;;
  postgres)
    out=$cache/offline-image-base/$SUITE-postgresql-$POSTGRES_MAJOR-$arch.tar
    ;;
  *)
    echo "offline-image-base: $USAGE" >&2
    exit 2
    ;;
esac
if [ -s "$out" ]; then
  echo "$out"
  exit 0
fi
command -v mmdebstrap >/dev/null || {
  echo "offline-image-base: mmdebstrap is missing: run scripts/bootstrap.sh (or sudo apt-get install mmdebstrap)" >&2
  exit 1
}

mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What each stand-in adds to the minimal Debian: packages (--include) and mmdebstrap customize hooks.
mmdebstrap_args=()
case "$kind" in
  node)
    node_bin=$cache/node-$node_version/node_modules/node-linux-$arch/bin/node
    [ -x "$node_bin" ] || {
      echo "offline-image-base: $node_bin is missing: run scripts/bootstrap.sh" >&2
      exit 1
    }
    ca_bundle=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
    [ -s "$ca_bundle" ] || ca_bundle=/dev/null
    # npm's tarball bundles its dependencies: unpacked in place it runs as is.
    (cd "$work" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
    npm_tarball=$(echo "$work"/npm-*.tgz)
    echo "offline-image-base: Debian $SUITE (mmdebstrap) + Node.js $node_version + npm $NPM_VERSION -> $out" >&2
    mmdebstrap_args+=(
      --customize-hook="install -D -m 0755 '$node_bin' \"\$1/usr/local/bin/node\""
      --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules/npm\" && tar -xzf '$npm_tarball' --strip-components=1 --no-same-owner -C \"\$1/usr/local/lib/node_modules/npm\""
      --customize-hook='ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm" && ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"'
      --customize-hook="install -D -m 0644 '$ca_bundle' \"\$1/etc/ssl/certs/ca-certificates.crt\""
      --customize-hook='chroot "$1" groupadd --gid 1000 node && chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
    )
    ;;
  postgres)
    echo "offline-image-base: Debian $SUITE (mmdebstrap) + postgresql-$POSTGRES_MAJOR -> $out" >&2
    mmdebstrap_args+=(
      --include="postgresql-$POSTGRES_MAJOR"
      # The cluster the package makes for its own service is not the one the image runs.
      --customize-hook='rm -rf "$1/var/lib/postgresql/'"$POSTGRES_MAJOR"'" "$1/etc/postgresql/'"$POSTGRES_MAJOR"'"'
    )
    ;;
esac

# minbase: the Essential packages and apt, as Debian's own slim images; no documentation or locales.
mmdebstrap --quiet --variant=minbase --mode=root --format=tar \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  "${mmdebstrap_args[@]}" \
  "$SUITE" "$work/rootfs.tar" "$MIRROR" >&2
mv "$work/rootfs.tar" "$out"
echo "$out"
