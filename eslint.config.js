// ESLint (flat config): typescript-eslint's recommended rules for every TypeScript file, the
// type-aware rules that catch a promise nobody awaits or a rejected one nobody handles (an
// unhandled rejection is how a long-running core dies), the React hooks rules for the renderer, and
// the folder boundaries STYLE.md draws: `electron/common` runs on both sides and imports neither,
// the renderer never imports the core, the core never imports Electron's main process.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'renderer/dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'bench/.tmp/**', '**/*.cjs', 'resources/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './renderer/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Config files outside every tsconfig: syntax rules only.
    files: ['renderer/vite.config.ts', 'renderer/vite.worker.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Benchmarks hand functions to page.evaluate: they run in Chromium.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/core/**', '**/electron/main/**'], message: 'The renderer reaches the core only through electron/common and the transport.' }] }],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', '**/main/**', '**/renderer/**', 'node:*'], message: 'electron/common is pure TypeScript that both sides import.' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core runs under plain Node; only electron/main touches Electron.' }], patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The core does not import the shell or the UI.' }] }],
    },
  },
);
