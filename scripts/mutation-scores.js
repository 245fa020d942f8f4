#!/usr/bin/env node
// Prints the mutation score of each module under mutation (stryker.config.mjs's
// MUTATED) from its last Stryker run (reports/mutation/<module>.json), and fails
// when one is under the minimum, was never measured, or changed since (the module
// or its tests differ from the ones the report was made on).
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const MINIMUM = 80;
const KILLED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** Score of one module from its report: killed (or timed out) over every tested mutant. */
function score(report, file) {
  const mutants = report.files[file]?.mutants ?? [];
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => KILLED.has(m.status)).length;
  return { killed, total: counted.length, percent: counted.length ? (100 * killed) / counted.length : 100 };
}

/** The files (module and tests) whose text differs from the text the report was made on. */
function changedSince(report) {
  const sources = [
    ...Object.entries(report.files).map(([file, { source }]) => [file, source]),
    ...Object.entries(report.testFiles ?? {}).map(([file, { source }]) => [file, source]),
  ];
  return sources
    .filter(([, source]) => source !== undefined)
    .filter(([file, source]) => !existsSync(file) || readFileSync(file, 'utf8') !== source)
    .map(([file]) => path.relative('.', file));
}

async function main() {
  process.chdir(path.join(__dirname, '..'));
  const { MUTATED, reportName } = await import('../stryker.config.mjs');
  let failed = false;
  for (const file of MUTATED) {
    const reportFile = `reports/mutation/${reportName(file)}.json`;
    if (!existsSync(reportFile)) {
      failed = true;
      console.log(`NONE            not measured      ${file} (npm run test:mutation -- ${file})`);
      continue;
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const { killed, total, percent } = score(report, file);
    const changed = changedSince(report);
    const ok = percent >= MINIMUM && changed.length === 0;
    failed ||= !ok;
    const mark = changed.length ? 'OLD ' : ok ? 'ok  ' : 'LOW ';
    console.log(
      `${mark} ${percent.toFixed(1).padStart(5)}%  ${String(killed).padStart(4)}/${String(total).padEnd(4)} ${file}` +
        (changed.length ? ` (changed since measured: ${changed.join(', ')})` : ''),
    );
  }
  if (failed) {
    console.error(
      `Each module must be measured on its current code and tests and score at least ${MINIMUM}%: ` +
        'run it again, or add unit tests that kill its surviving mutants (see its clear-text report).',
    );
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
