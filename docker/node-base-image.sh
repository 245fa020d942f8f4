#!/usr/bin/env bash
# Builds a local Node.js base image where no registry answers (as on the test
# machines): Debian bookworm made with debootstrap from this machine's own
# Debian mirror (cached, so later runs import it in seconds) plus this
# machine's own `node` binary (and its CA trust store). docker/Dockerfile builds on it with
#   docker build --build-arg NODE_IMAGE=webapi/node:20 ...
#   NODE_BASE_IMAGE  tag to create (default: webapi/node:20)
#   IMAGE_CACHE      folder of the cached root file system (default: ~/.cache/docker-web-api)
# An image that already exists is left as it is.
set -euo pipefail

tag="${NODE_BASE_IMAGE:-webapi/node:20}"
cache="${IMAGE_CACHE:-$HOME/.cache/docker-web-api}"
export DEBIAN_FRONTEND=noninteractive

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "node base image: $tag present"
  exit 0
fi
node_bin=$(readlink -f "$(command -v node)")
major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "node base image: node $major found, 20 or later needed" >&2; exit 1; }

tarball="$cache/node-base-bookworm-rootfs.tar.gz"
# shellcheck source=lib/debian-rootfs.sh
. "$(dirname "$0")/lib/debian-rootfs.sh"
debian_rootfs "$tarball" ca-certificates

# Debian, then this machine's node (and npm, for the build stage) on top of it.
debian_tag="webapi/debian:bookworm-minbase"
docker image inspect "$debian_tag" >/dev/null 2>&1 \
  || docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'ENV LANG=C.UTF-8' \
    "$tarball" "$debian_tag" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/usr/local/bin" "$work/usr/local/lib"
cp "$node_bin" "$work/usr/local/bin/node"
cp -r "$(readlink -f "$(dirname "$(readlink -f "$(command -v npm)")")/..")" "$work/usr/local/lib/npm"
ln -s ../lib/npm/bin/npm-cli.js "$work/usr/local/bin/npm"
ln -s ../lib/npm/bin/npx-cli.js "$work/usr/local/bin/npx"
# This machine's trust store: where its npm registry is reached through a local CA, the build stage needs it too.
mkdir -p "$work/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$work/etc/ssl/certs/ca-certificates.crt"
printf 'FROM %s\nCOPY usr/local /usr/local\nCOPY etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt\nCMD ["node"]\n' "$debian_tag" >"$work/Dockerfile"
docker build -q -t "$tag" "$work" >/dev/null
echo "node base image: created $tag (node $("$node_bin" --version))"
