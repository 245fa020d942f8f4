#!/usr/bin/env bash
# Tools the end-to-end tests use besides the engine: Debian's docker-registry
# (a real registry on loopback, to test pulling a missing base image),
# python3 (a local package index for the pip build test) and chromium (the
# headless browser of the web console's tests, driven by playwright-core),
# socat and iproute2 (docker/swarm-second-node.sh: a second swarm node in its
# own network namespace).
# The engine also becomes a single-node swarm (docker/ensure-swarm.sh), for
# the end-to-end runs on RUN_BACKEND=swarm; an existing swarm is left alone.
set -euo pipefail
bash "$(dirname "$0")/ensure-swarm.sh"
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "test tools: ${missing[*]} missing, and installing them needs root" >&2
  exit 1
fi
echo "test tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
