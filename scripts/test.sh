#!/usr/bin/env bash
# The whole test suite (`npm test`). Prepares the machine first (npm packages,
# engine, swarm, base images, build: scripts/prepare.sh; test tools:
# docker/test-tools.sh), then runs side by side:
#   - the contract drift check, then lint and format (npm run lint);
#   - the service as a container (docker/container-smoke-test.sh);
#   - Jest: the unit, end-to-end and browser suites (the runs' part on both
#     run backends), then alone the runs placed on a second swarm node.
# Jest prints as it goes; the other parts' output follows it. Fails when any part fails.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare.sh || exit 1
bash docker/test-tools.sh || exit 1

out=test-output/checks
rm -rf "$out" && mkdir -p "$out"
side() {
  local name=$1
  shift
  (
    set -o pipefail
    nice -n 5 "$@" >"$out/$name.log" 2>&1
    echo $? >"$out/$name.rc"
  ) &
}
side contract-and-lint bash -c 'npm run -s openapi:check && npm run -s lint'
side container-smoke bash docker/container-smoke-test.sh

npx jest --selectProjects unit e2e e2e-swarm
jest_rc=$?
# Alone, once the others are done: a second swarm node would take their runs that have no constraint.
npx jest --selectProjects e2e-second-node
second_node_rc=$?
wait

failed=()
[ "$jest_rc" = 0 ] || failed+=(jest)
[ "$second_node_rc" = 0 ] || failed+=(jest-second-node)
for rc in "$out"/*.rc; do
  name=$(basename "$rc" .rc)
  echo
  echo "==== $name (exit $(cat "$rc")) ===="
  cat "$out/$name.log"
  [ "$(cat "$rc")" = 0 ] || failed+=("$name")
done
echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "test: FAILED: ${failed[*]}"
  exit 1
fi
echo "test: all parts passed (jest, second swarm node, contract and lint, container smoke test)"
