#!/usr/bin/env bash
# Tools the end-to-end tests use besides the engine: Debian's docker-registry
# (a real registry on loopback, to test pulling a missing base image).
set -euo pipefail
if ! command -v docker-registry >/dev/null 2>&1; then
  echo "test tools: installing docker-registry"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
fi
