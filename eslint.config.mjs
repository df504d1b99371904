// Type-aware lint for every server-side package, the dependency direction of docs/architecture.md §2 with a cycle
// check, and the dashboard with the Next.js and React hooks rules.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';

const LIB = (name) => `./libraries/${name}`;
const APPS = ['./apps/backend', './apps/workers', './apps/cron', './apps/frontend', './apps/sandbox'];
/** docs/architecture.md §2: apps → core → (providers, database, queue, crypto) → (config, shared), never up. */
const LAYER_ZONES = [
  { target: [LIB('config'), LIB('shared')], from: [LIB('crypto'), LIB('database'), LIB('providers'), LIB('queue'), LIB('core'), ...APPS], message: 'config and shared are the bottom layer: they import no other part of Herald' },
  ...['crypto', 'database', 'providers', 'queue'].map((name) => ({
    target: LIB(name),
    from: [...['crypto', 'database', 'providers', 'queue'].filter((other) => other !== name).map(LIB), LIB('core'), ...APPS],
    message: `${name} sits below core beside its siblings: it imports only config and shared`,
  })),
  { target: LIB('core'), from: APPS, message: 'libraries never import apps' },
  ...APPS.map((app) => ({ target: app, from: APPS.filter((other) => other !== app), except: [], message: 'an app never imports another app' })),
  { target: './apps/frontend', from: [LIB('config'), LIB('crypto'), LIB('database'), LIB('providers'), LIB('queue'), LIB('core')], message: 'the dashboard talks to the API over HTTP; it shares only @herald/shared' },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.next/**', '**/generated/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'prisma.config.ts', 'apps/*/next.config.*', 'apps/frontend/artifacts/**', 'apps/frontend/next-env.d.ts'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./tsconfig.json', './apps/frontend/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, ignores: [...(config.ignores ?? []), 'apps/frontend/**'] })),
  {
    ignores: ['apps/frontend/**'],
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', '@herald/backend', '@herald/workers', '@herald/cron', '@herald/sandbox'], message: 'libraries never import apps' }] }],
    },
  },
  {
    files: ['libraries/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@herald/database', '@herald/queue', '@herald/core', '@nestjs/*', 'bullmq', 'ioredis', '**/apps/**'], message: 'providers speak to platforms only: no database, queue or Nest' }] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'providers take config through their constructor' }],
    },
  },
  {
    // The one process that composes the apps (HERALD_PROCESSES=all-in-one): their entry modules, never the sandbox.
    files: ['apps/all-in-one/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', '@herald/sandbox'], message: 'the all-in-one process composes the apps through their packages only' }] }],
    },
  },
  {
    files: ['apps/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@herald/*'], message: 'the sandbox imports nothing from the product' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts'],
    rules: {
      // Tests, benchmarks and chaos scripts may drive the platform sandbox; product code may not.
      // End-to-end specs start the other apps (the workers behind the API, the sandbox) through their harnesses.
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES.filter((zone) => zone.target.startsWith?.('./apps/') !== true) }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@herald/backend', '@herald/workers', '@herald/cron'], message: 'import the app under test through its own test harness' }] }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The dashboard: its own tsconfig (JSX, DOM), the Next.js rules (core web vitals) and the React hooks rules.
    files: ['apps/frontend/**/*.ts', 'apps/frontend/**/*.tsx'],
    extends: [tseslint.configs.recommended],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    settings: { next: { rootDir: 'apps/frontend' } },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      // The classic hooks rules. The React Compiler rules of this plugin's recommended set (set-state-in-effect, refs,
      // purity) are for code the compiler memoizes; the dashboard does not use the compiler.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Post media are the organization's uploads and local blob: previews at any size; next/image's optimizer would
      // fetch them server-side, which Herald does not do for user content.
      '@next/next/no-img-element': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
);
