// One jest run for every server-side package: SWC transforms TypeScript (with decorator metadata for Nest),
// and @herald/* imports resolve to the libraries' sources, so tests never need a build first.
const swc = require('./.swcrc.json');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libraries', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/frontend/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false, sourceMaps: 'inline' }] },
  moduleNameMapper: {
    '^@herald/sandbox$': '<rootDir>/apps/sandbox/src',
    '^@herald/([a-z-]+)$': '<rootDir>/libraries/$1/src',
    // Subpath entries (libraries/shared/package.json `exports`): `@herald/shared/dto` is libraries/shared/src/dto.ts.
    '^@herald/shared/dto$': '<rootDir>/libraries/shared/src/dto',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
