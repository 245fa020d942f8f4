#!/usr/bin/env bash
# Builds the service's image from docker/Dockerfile and runs it as
# docker/compose.yaml does (engine socket and data folder mounted at the same
# path, host networking, 127.0.0.1 on a free port), then checks through that
# port: system info, a storage upload read back, and a run to completion.
# Base: NODE_IMAGE, or where no registry answers the local image of
# docker/node-base-image.sh (the default here). Later runs reuse the build cache.
#   NODE_IMAGE   base of the Dockerfile (default: webapi/node:20, made if missing)
#   RUN_IMAGE    image of the test run (default: webapi/busybox:latest)
set -euo pipefail
cd "$(dirname "$0")/.."

node_image="${NODE_IMAGE:-webapi/node:20}"
run_image="${RUN_IMAGE:-webapi/busybox:latest}"
tag="docker-web-api:smoke"
if [ "$node_image" = webapi/node:20 ]; then bash docker/node-base-image.sh; fi

echo "smoke: building $tag on $node_image"
docker build --network host -q -f docker/Dockerfile --build-arg "NODE_IMAGE=$node_image" -t "$tag" . >/dev/null

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d /tmp/webapi-smoke-XXXXXX)
name="webapi-smoke-$$"
token="smoke-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  runs=$(docker ps -aq --filter "label=webapi.exec.data-dir=$data")
  [ -z "$runs" ] || docker rm -f $runs >/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

docker run -d --name "$name" --network host \
  -v /var/run/docker.sock:/var/run/docker.sock -v "$data:$data" \
  -e HOST=127.0.0.1 -e PORT="$port" -e DATA_DIR="$data" -e API_TOKEN="$token" \
  "$tag" >/dev/null
api="http://127.0.0.1:$port/api"
auth=(-H "Authorization: Bearer $token")
for _ in $(seq 1 60); do
  curl -sf "$api/health" >/dev/null && break
  sleep 1
done
curl -sf "$api/health" >/dev/null || { docker logs "$name" | tail -20; echo "smoke: the service did not answer" >&2; exit 1; }
echo "smoke: health ok, container health: $(docker inspect -f '{{.State.Health.Status}}' "$name")"

curl -sf "${auth[@]}" "$api/system/info" | grep -q '"cpu' || { echo "smoke: no system info" >&2; exit 1; }
echo "smoke: system info ok"

mkdir -p "$data/storage/code" "$data/storage/in"
head -c 100000 /dev/urandom >"$data/upload.bin"
curl -sf "${auth[@]}" -X PUT --data-binary "@$data/upload.bin" "$api/storage/file/default/in/upload.bin" >/dev/null
curl -sf "${auth[@]}" "$api/storage/file/default/in/upload.bin" | cmp - "$data/upload.bin"
echo "smoke: storage upload and download ok"

curl -sf "${auth[@]}" -H 'Content-Type: application/json' "$api/exec/create" -d "{\"id\":\"smoke\",\"srcPath\":\"code\",\"command\":[\"sh\",\"-c\",\"wc -c < /app/data/upload.bin > /app/output/size.txt\"],\"imageTag\":\"$run_image\",\"inputPath\":\"in\",\"outputPath\":\"out\"}" >/dev/null
for _ in $(seq 1 60); do
  status=$(curl -sf "${auth[@]}" "$api/exec/status/smoke" | node -pe 'JSON.parse(require("fs").readFileSync(0)).status')
  case "$status" in succeeded|failed|canceled|lost) break ;; esac
  sleep 1
done
[ "$status" = succeeded ] || { echo "smoke: the run ended $status" >&2; exit 1; }
[ "$(tr -d ' \n' <"$data/storage/out/size.txt")" = 100000 ] || { echo "smoke: the run's output is wrong" >&2; exit 1; }
echo "smoke: run to completion ok"

docker stop -t 35 "$name" >/dev/null
docker logs "$name" 2>&1 | grep -q '"event":"shutdown.done"' || { echo "smoke: no clean stop in the log" >&2; exit 1; }
echo "smoke: clean stop ok"
