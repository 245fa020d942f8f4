#!/usr/bin/env bash
# A second Swarm node on this machine, for tests of runs placed on another
# node: a second Docker engine in its own network and UTS namespaces (host
# name SECOND_NODE_NAME), joined to the local swarm as a worker and labelled
# webapi-node=<name>. Its network namespace has only a loopback interface:
# the worker reaches the manager's 127.0.0.1:2377 through a Unix socket on
# the shared file system (two socat relays), so no address outside loopback
# is used. It shares this machine's file system, as the nodes of a real
# swarm share their storages (same path on every node).
#
#   docker/swarm-second-node.sh up     create it (and load IMAGES into it)
#   docker/swarm-second-node.sh down   make it leave, stop it, remove all of it
#
#   SECOND_NODE_NAME  default webapi-node2
#   IMAGES            images copied into its engine (default webapi/busybox:latest)
set -euo pipefail

name="${SECOND_NODE_NAME:-webapi-node2}"
images="${IMAGES:-webapi/busybox:latest}"
run="/run/$name"
data="/var/lib/$name"
sock="unix://$run/docker.sock"
worker() { docker -H "$sock" "$@"; }

down() {
  if [ -S "$run/docker.sock" ]; then
    worker swarm leave --force >/dev/null 2>&1 || true
  fi
  # The manager forgets the node (found by its label).
  for id in $(docker node ls -q --filter "node.label=webapi-node=$name" 2>/dev/null); do
    docker node rm --force "$id" >/dev/null 2>&1 || true
  done
  for pidfile in "$run"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  ip netns del "$name" 2>/dev/null || true
  # Mounts the second engine left (its containers' file systems).
  grep -o " $data/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$run" "$data"
}

up() {
  [ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] || {
    echo "second node: the local engine is not a swarm manager (docker/ensure-swarm.sh)" >&2
    exit 1
  }
  command -v socat >/dev/null || { echo "second node: socat is missing" >&2; exit 1; }
  down
  mkdir -p "$run" "$data"
  ip netns add "$name"
  ip netns exec "$name" ip link set lo up

  # Manager relay: the socket on the file system to the manager's 127.0.0.1:2377.
  setsid socat "UNIX-LISTEN:$run/manager.sock,fork,mode=600" TCP:127.0.0.1:2377 </dev/null >"$run/relay-host.log" 2>&1 &
  echo $! >"$run/relay-host.pid"
  # Inside the namespace, 127.0.0.1:2377 (the address the manager advertises) leads to that socket.
  setsid nsenter --net="/run/netns/$name" socat TCP-LISTEN:2377,bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$run/manager.sock" \
    </dev/null >"$run/relay-node.log" 2>&1 &
  echo $! >"$run/relay-node.pid"

  setsid nsenter --net="/run/netns/$name" unshare --uts sh -c "hostname $name && exec dockerd \
      --host=$sock --data-root=$data --exec-root=$run/exec --pidfile=$run/dockerd.pid \
      --bridge=none --iptables=false --ip-masq=false" </dev/null >"$run/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    worker version >/dev/null 2>&1 && break
    sleep 0.2
  done
  worker version >/dev/null 2>&1 || { tail -n 20 "$run/dockerd.log" >&2; exit 1; }

  for image in $images; do docker save "$image" | worker load -q >/dev/null; done
  # Its docker_gwbridge outside the private ranges too (only inside its own namespace).
  worker network create --driver bridge --subnet 198.19.1.0/24 \
    --opt com.docker.network.bridge.name=docker_gwbridge \
    --opt com.docker.network.bridge.enable_icc=false docker_gwbridge >/dev/null

  token=$(docker swarm join-token -q worker)
  worker swarm join --token "$token" --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 127.0.0.1:2377 >/dev/null
  node=$(worker info --format '{{.Swarm.NodeID}}')
  docker node update --label-add "webapi-node=$name" "$node" >/dev/null
  for _ in $(seq 1 100); do
    [ "$(docker node inspect -f '{{.Status.State}}' "$node")" = ready ] && break
    sleep 0.2
  done
  echo "second node: $name joined as worker $node ($(docker node inspect -f '{{.Status.State}}' "$node"))"
}

case "${1:-}" in
  up) up ;;
  down) down; echo "second node: $name removed" ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
