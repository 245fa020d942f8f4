#!/usr/bin/env bash
# Everything the service and its tests need on a fresh machine: npm packages,
# a Docker engine (started when none answers), the local base images, and
# the compiled app. Each step does nothing when its work is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "prepare: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash docker/ensure-engine.sh
bash docker/base-images.sh
echo "prepare: building"
npx nest build
echo "prepare: building the web console"
npm run --silent build:console
