// Lint (npm run lint, part of npm test): ESLint's recommended rules and
// typescript-eslint's type-aware recommended set for all TypeScript (the service,
// its tests and scripts, the generated client's wrapper and the web console, each
// checked against its own tsconfig), then eslint-config-prettier, which turns off
// the stylistic rules Prettier owns. README.md, "Lint rules", says why these rules.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** The Node.js globals the project's few CommonJS and ES module scripts use. */
const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  globalIgnores([
    'dist/',
    'console/dist/',
    'coverage/',
    'reports/',
    'data/',
    'test-output/',
    '.stryker-tmp/',
    'openapi/client/schema.d.ts',
  ]),
  // A disable comment that no longer silences anything is removed, not kept as noise.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig.json: the root one for the
        // service, tests, scripts and client, console/tsconfig.json for the console.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Named here so that a change of the preset cannot drop them silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      // Off: here an `async` function without `await` is deliberate (a fake that keeps
      // an interface's Promise type, a callback whose throw must become a rejection).
      '@typescript-eslint/require-await': 'off',
      // Unused names that start with an underscore are intended (a destructured
      // field left out, a parameter an interface requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
    rules: {
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
