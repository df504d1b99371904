// Tests run against the real Postgres and Redis that scripts/test.mjs prepares.
// These defaults let a single spec run from an editor too (`pnpm jest path/to/spec`).
process.env.NODE_ENV ??= 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/herald_test';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379/5';
process.env.LOG_LEVEL ??= 'error';
