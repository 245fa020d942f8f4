#!/usr/bin/env bash
# npm run test:mutation [-- [--force] <module>...]: Stryker on each pure module in turn
# (all of stryker.config.mjs's MUTATED, or the ones named), each against the
# unit tests beside it, at low priority so other work on the machine keeps its
# speed; then one score per module (scripts/mutation-scores.js, which fails
# under 80%). Reports and incremental state stay in reports/mutation/, so a
# second run tests again only mutants whose module or tests changed (--force:
# every mutant again, as for the scores in the README).
set -euo pipefail
cd "$(dirname "$0")/.."
flags=()
modules=()
for arg in "$@"; do
  if [[ "$arg" == -* ]]; then flags+=("$arg"); else modules+=("$arg"); fi
done
if [ "${#modules[@]}" -eq 0 ]; then
  mapfile -t modules < <(node --input-type=module -e \
    "import { MUTATED } from './stryker.config.mjs'; console.log(MUTATED.join('\n'))")
fi
TIMEFORMAT='%R s wall, %U s user + %S s system CPU'
for module in "${modules[@]}"; do
  echo "== mutation testing $module"
  time MUTATION_MODULE="$module" nice -n 10 npx stryker run "${flags[@]}"
done
node scripts/mutation-scores.js
