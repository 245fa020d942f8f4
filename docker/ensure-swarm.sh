#!/usr/bin/env bash
# Makes the local engine a single-node Docker Swarm on the loopback address,
# for runs with RUN_BACKEND=swarm. Does nothing when the engine is already in
# a swarm (as a manager or a worker): an operator's swarm is left as it is.
#
# Swarm's own networks stay out of the private ranges (10/8, 172.16/12,
# 192.168/16), so nothing on this machine sends traffic there:
#   - docker_gwbridge (the bridge of overlay-attached containers; Docker
#     would pick a 172.x subnet) is created first on SWARM_GWBRIDGE_SUBNET;
#   - the overlay address pool, from which `ingress` takes its subnet, is
#     SWARM_ADDR_POOL.
# Both default to the benchmarking range 198.18.0.0/15 (RFC 2544), which is
# not private and never routed. Runs attach to no network at all, so they use
# neither; plain containers (`docker run`) keep working as before.
#
#   SWARM_ADDR_POOL         default 198.18.0.0/16 (split into /24 networks)
#   SWARM_GWBRIDGE_SUBNET   default 198.19.0.0/24
#   SWARM_ADVERTISE_ADDR    default 127.0.0.1
set -euo pipefail

pool="${SWARM_ADDR_POOL:-198.18.0.0/16}"
gwbridge_subnet="${SWARM_GWBRIDGE_SUBNET:-198.19.0.0/24}"
addr="${SWARM_ADVERTISE_ADDR:-127.0.0.1}"

state="$(docker info --format '{{.Swarm.LocalNodeState}}')"
case "$state" in
  active | pending | locked)
    echo "docker swarm: already $state (node $(docker info --format '{{.Swarm.NodeID}}')); left as it is"
    exit 0
    ;;
  inactive) ;;
  *)
    echo "docker swarm: the engine reports swarm state \"$state\"" >&2
    exit 1
    ;;
esac

if ! docker network inspect docker_gwbridge >/dev/null 2>&1; then
  docker network create --driver bridge --subnet "$gwbridge_subnet" \
    --opt com.docker.network.bridge.name=docker_gwbridge \
    --opt com.docker.network.bridge.enable_icc=false \
    --opt com.docker.network.bridge.enable_ip_masquerade=true \
    docker_gwbridge >/dev/null
fi

docker swarm init --advertise-addr "$addr" --listen-addr "$addr:2377" \
  --default-addr-pool "$pool" --default-addr-pool-mask-length 24 >/dev/null

# Every network the swarm made must be outside the private ranges.
for net in docker_gwbridge ingress; do
  for subnet in $(docker network inspect "$net" --format '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null); do
    case "$subnet" in
      10.* | 192.168.* | 172.1[6-9].* | 172.2[0-9].* | 172.3[01].*)
        echo "docker swarm: network $net has the private subnet $subnet; leaving the swarm" >&2
        docker swarm leave --force >/dev/null
        exit 1
        ;;
    esac
    echo "docker swarm: network $net on $subnet"
  done
done
echo "docker swarm: single-node swarm on $addr (node $(docker info --format '{{.Swarm.NodeID}}'))"
