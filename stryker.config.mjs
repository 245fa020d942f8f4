// Mutation testing of the pure modules (npm run test:mutation): Stryker mutates
// each module and runs the unit project's tests against every mutant; a mutant
// that no test notices (survived) is a behaviour nothing checks.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { projects } = require('./jest.config.js');
const { displayName: _name, ...unit } = projects.find((p) => p.displayName === 'unit');

/** The modules under mutation; scripts/mutation-scores.js requires each to score at least 80%. */
const MUTATED = [
  'src/storage/path-resolver.ts',
  'src/image/dockerfile.ts',
  'src/storage/byte-range.ts',
  'src/storage/zip-extract.ts',
  'src/docker/container-template.ts',
  'src/exec/exec-options.ts',
  'src/exec/scheduler.ts',
];

export default {
  mutate: MUTATED,
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...unit,
      rootDir: '.',
      // The tests beside the mutated modules, compiled without type checks (tsc checks types; a mutant need not type-check).
      testMatch: MUTATED.map((file) => `<rootDir>/${file.replace(/\.ts$/, '.spec.ts')}`),
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
      setupFiles: ['<rootDir>/test/mutation-setup.js'],
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // A mutant in module-level code (a constant, a pattern) would need every test run again; such
  // "static" mutants are left out of the score (Stryker reports them as ignored).
  ignoreStatic: true,
  // Later runs test again only the mutants whose code or tests changed (reports/stryker-incremental.json).
  incremental: true,
  // Two cores shared with other work.
  concurrency: 2,
  // A mutant that makes a loop endless is killed by this timeout (added to the measured test time).
  timeoutMS: 5000,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
