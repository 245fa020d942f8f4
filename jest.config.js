/**
 * Three suites: `unit` (pure logic, no engine), `e2e` (the built service
 * started as a process on a real port, against the real engine) and
 * `e2e-swarm` (the runs' end-to-end tests again with RUN_BACKEND=swarm).
 * NestJS 12 ships ES modules, which Jest on Node 20 cannot require: tests
 * import only the project's framework-free modules and talk to the service
 * over HTTP through the generated client.
 */
const base = {
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  // Stryker's sandbox copies of the project (npm run test:mutation).
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp'],
};
module.exports = {
  maxWorkers: 2,
  // End-to-end tests build images and run containers.
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.swarm\\.e2e-spec\\.ts$', '/multi-node/'],
    },
    // The runs' end-to-end suite again, with the service on RUN_BACKEND=swarm (docker/ensure-swarm.sh), and the swarm's own tests.
    {
      ...base,
      displayName: 'e2e-swarm',
      testMatch: [
        '<rootDir>/test/e2e/exec.e2e-spec.ts',
        '<rootDir>/test/e2e/exec-restart.e2e-spec.ts',
        '<rootDir>/test/e2e/jobs.e2e-spec.ts',
        '<rootDir>/test/e2e/**/*.swarm.e2e-spec.ts',
      ],
      setupFiles: ['<rootDir>/test/e2e/swarm-backend.ts'],
    },
    // A second swarm node (docker/swarm-second-node.sh), run alone after the others (scripts/test.sh):
    // it would take their runs that have no constraint.
    {
      ...base,
      displayName: 'e2e-second-node',
      testMatch: ['<rootDir>/test/e2e/multi-node/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/e2e/swarm-backend.ts'],
    },
  ],
};
