#!/usr/bin/env node
// Prints the mutation score of each module of the last Stryker run
// (reports/mutation/mutation.json) and fails when one is under the minimum.
const { readFileSync } = require('node:fs');

const MINIMUM = 80;
const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
const KILLED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
let failed = false;
for (const [file, { mutants }] of Object.entries(report.files).sort()) {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => KILLED.has(m.status)).length;
  const score = counted.length ? (100 * killed) / counted.length : 100;
  const ok = score >= MINIMUM;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'LOW '} ${score.toFixed(1).padStart(5)}%  ${String(killed).padStart(4)}/${String(counted.length).padEnd(4)} ${file}`,
  );
}
if (failed) {
  console.error(
    `A module scores under ${MINIMUM}%: add unit tests that kill its surviving mutants (see the clear-text report above).`,
  );
  process.exit(1);
}
