// Type-aware lint for every server-side package. The frontend has its own Next.js build checks.
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.next/**', '**/generated/**', 'apps/frontend/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'prisma.config.ts', 'apps/*/next.config.*'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['@herald/backend', '@herald/workers', '@herald/cron'], message: 'import the app under test through its own test harness' }] }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
