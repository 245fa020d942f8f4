// Mutation testing of the pure modules (npm run test:mutation): Stryker mutates
// a module and runs the unit tests beside it against every mutant; a mutant
// that no test notices (survived) is a behaviour nothing checks.
//
// One module a run (scripts/mutation.sh loops over MUTATED): MUTATION_MODULE=<file>
// selects it, and only the spec files beside it that import it are loaded for
// each mutant, so a mutant costs one or two small test files, not the whole unit project.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { projects } = require('./jest.config.js');
const { displayName: _name, ...unit } = projects.find((p) => p.displayName === 'unit');

/** The modules under mutation; scripts/mutation-scores.js requires each to score at least 80%. */
export const MUTATED = [
  'src/storage/path-resolver.ts',
  'src/image/dockerfile.ts',
  'src/storage/byte-range.ts',
  'src/storage/zip-extract.ts',
  'src/docker/container-template.ts',
  'src/exec/exec-options.ts',
  'src/exec/scheduler.ts',
  'src/exec/placement-constraints.ts',
  'src/docker/swarm-service-spec.ts',
  'src/exec/swarm-run-status.ts',
];

/** A module's name in report file names: src/storage/byte-range.ts -> storage-byte-range. */
export const reportName = (file) =>
  file
    .replace(/^src\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');

/** The spec files in the module's folder that import it (`from './<name>'`). */
function specsBeside(file) {
  const dir = path.dirname(file);
  const name = path.basename(file, '.ts');
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.spec.ts'))
    .map((entry) => `${dir}/${entry}`)
    .filter((spec) => readFileSync(spec, 'utf8').includes(`from './${name}'`));
}

const selected = process.env.MUTATION_MODULE;
if (selected !== undefined && !MUTATED.includes(selected)) {
  throw new Error(`MUTATION_MODULE=${selected} is not one of: ${MUTATED.join(', ')}`);
}
const modules = selected ? [selected] : MUTATED;
const name = selected ? reportName(selected) : 'all';

export default {
  mutate: modules,
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...unit,
      rootDir: '.',
      roots: ['<rootDir>/src'],
      testMatch: modules.flatMap(specsBeside).map((spec) => `<rootDir>/${spec}`),
      // Compiled without type checks (tsc checks types; a mutant need not type-check).
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
      setupFiles: ['<rootDir>/test/mutation-setup.js'],
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // A mutant in module-level code (a constant, a pattern) would need every test run again; such
  // "static" mutants are left out of the score (Stryker reports them as ignored).
  ignoreStatic: true,
  // Later runs test again only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  // Two cores shared with other work.
  concurrency: 2,
  // A mutant that makes a loop endless is killed by this timeout (added to the measured test time).
  timeoutMS: 5000,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
