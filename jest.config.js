/**
 * Two suites: `unit` (pure logic, no engine) and `e2e` (the built service
 * started as a process on a real port, against the real engine).
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
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
