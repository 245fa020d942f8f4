#!/usr/bin/env bash
# Makes sure a Docker engine answers. Does nothing when one already does.
# On a bare Debian machine (as root) it installs docker.io and starts dockerd
# in the background with settings from the environment:
#   DOCKERD_BRIDGE    bridge setting passed to dockerd (default: none)
#   DOCKERD_IPTABLES  true|false (default: false)
#   DOCKERD_LOG       where dockerd writes its log (default: /var/log/dockerd-webapi.log)
set -euo pipefail

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  echo "docker engine: $(docker version --format '{{.Server.Version}}') already answering"
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
  echo "docker engine: DOCKER_HOST=$DOCKER_HOST does not answer and is not a local socket" >&2
  exit 1
fi

if [ "$(id -u)" != 0 ]; then
  echo "docker engine: none answers and starting one needs root" >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker engine: installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
  # Where an init system runs, the package has started its own engine.
  if engine_answers; then
    echo "docker engine: $(docker version --format '{{.Server.Version}}') started by the package"
    exit 0
  fi
fi

socket="${DOCKER_HOST:-unix:///var/run/docker.sock}"
log="${DOCKERD_LOG:-/var/log/dockerd-webapi.log}"
echo "docker engine: starting dockerd on $socket (log: $log)"
# setsid: the daemon outlives the shell that started it.
setsid dockerd --host="$socket" \
  --bridge="${DOCKERD_BRIDGE:-none}" --iptables="${DOCKERD_IPTABLES:-false}" \
  >"$log" 2>&1 </dev/null &

for _ in $(seq 1 100); do
  if engine_answers; then
    echo "docker engine: $(docker version --format '{{.Server.Version}}') ready"
    exit 0
  fi
  sleep 0.2
done
echo "docker engine: dockerd did not answer within 20 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
exit 1
