// Lint: typed rules (no floating promises) and import rules that enforce the one-way arrows between
// folders (ARCHITECTURE.md: renderer, electron, forwarder and sandbox import shared/, never each other).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process', 'url', 'stream', 'events', 'util', 'zlib', 'worker_threads'];
const restrict = (names, message) => names.map((name) => ({ group: [name, `${name}/*`], message }));
const noTestImports = { group: ['**/test/**', '../test', '../../test'], message: 'Nothing imports test/.' };
// One way into shared/ from everywhere else: its barrel (shared/index.ts).
const sharedBarrel = { group: ['**/shared/*'], message: 'Import shared/ through its barrel (../shared), not a module inside it.' };

export default tseslint.config(
  { ignores: ['.cache/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'scripts/*.d.mts', 'forwarder/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': ['error', { patterns: [noTestImports] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTestImports,
            ...restrict(['electron', 'react', 'react-dom', 'better-sqlite3', 'ws', 'ioredis', 'pino', 'qrcode', ...nodeBuiltins], 'shared/ is pure: no process-specific imports.'),
            { group: ['../electron/**', '../renderer/**', '../forwarder/**', '../sandbox/**', '../../*/**'], message: 'shared/ imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTestImports,
            sharedBarrel,
            ...restrict(['electron', 'better-sqlite3', 'ws', 'ioredis', 'pino', ...nodeBuiltins], 'renderer/ runs sandboxed: talk to the main process through window.pos only.'),
            { group: ['../electron/**', '../forwarder/**', '../sandbox/**', '../../electron/**', '../../forwarder/**', '../../sandbox/**'], message: 'renderer/ imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['forwarder/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports, sharedBarrel, ...restrict(['electron', 'react', 'react-dom'], 'Server code never imports electron or React.'), { group: ['**/sandbox/**', '**/electron/**', '**/renderer/**'], message: 'forwarder/ imports only shared/.' }] }] },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports, sharedBarrel, ...restrict(['electron', 'react', 'react-dom'], 'Server code never imports electron or React.'), { group: ['**/forwarder/**', '**/electron/**', '**/renderer/**'], message: 'sandbox/ imports only shared/.' }] }] },
  },
  {
    // The payment core is plain Node: it never imports electron, the renderer, or the demo servers.
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/preload/**', 'electron/demo/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports, sharedBarrel, ...restrict(['electron'], 'Only electron/shell and electron/preload import electron; the core stays plain Node.'), { group: ['**/sandbox/**', '**/forwarder/**'], message: 'Only electron/demo starts the embedded sandbox and forwarder.' }, { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }] }] },
  },
  {
    files: ['electron/shell/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports, sharedBarrel, { group: ['**/sandbox/**', '**/forwarder/**'], message: 'Only electron/demo starts the embedded sandbox and forwarder.' }, { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }] }] },
  },
  {
    // The demo launcher may start the embedded sandbox and forwarder, and nothing else special.
    files: ['electron/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports, sharedBarrel, ...restrict(['electron'], 'The demo launcher is plain Node.'), { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }] }] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.mjs', '*.config.{js,ts}'],
    rules: {
      'no-console': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
