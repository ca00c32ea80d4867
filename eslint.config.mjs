// Flat config. Besides the recommended rules it enforces the layer boundaries from docs/style.md:
// src/extension ↛ src/webview, src/webview ↛ src/extension (and no `vscode` there), src/shared ↛ vscode/DOM,
// no `vscode` in any `core/` folder. Folder-to-folder rules and cycles: scripts/import-layers.mjs (also `npm run lint`).
import tseslint from 'typescript-eslint';

const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'Element',
  'Node',
  'customElements',
  'requestAnimationFrame',
].map((name) => ({ name, message: 'src/shared is pure TypeScript: no DOM (it also runs in the extension host).' }));

const importBan = (patterns) => ['error', { patterns }];

export default [
  { ignores: ['dist/**', 'out/**', '.scratch*/**', 'node_modules/**', '.e2e/**', '.cache/**', 'test-results/**', '**/*.vsix'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    // Plain .js files here are CommonJS (the package has no "type": "module").
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': importBan([
        { group: ['**/webview', '**/webview/**'], message: 'src/extension must not import webview code (separate bundle/runtime).' },
      ]),
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': importBan([
        { group: ['**/extension', '**/extension/**'], message: 'src/webview must not import extension-host code.' },
        { group: ['vscode'], message: 'The vscode API does not exist in a webview.' },
      ]),
    },
  },
  {
    files: ['src/**/core/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': importBan([
        { group: ['vscode'], message: 'core/ folders are vscode-free so they run in unit tests and benchmarks.' },
      ]),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-imports': importBan([
        { group: ['vscode'], message: 'src/shared must not depend on the vscode API.' },
        { group: ['**/extension', '**/extension/**', '**/webview', '**/webview/**'], message: 'src/shared must not import a runtime layer.' },
      ]),
    },
  },
  {
    // The sandbox (an npm workspace) stands in for the server: it must not borrow product code, or a product bug
    // could hide itself by being on both sides of the wire.
    files: ['test/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': importBan([
        { group: ['**/src', '**/src/**'], message: 'test/sandbox must not import product code from src/.' },
      ]),
    },
  },
];
