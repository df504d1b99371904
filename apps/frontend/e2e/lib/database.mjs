// DATABASE_URL from the environment (npm test gives a fresh migrated database); for a run by hand, a local
// herald_e2e database is created when missing (the backend applies migrations as it starts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './stack.mjs';

export const requireFromDatabase = createRequire(path.join(ROOT, 'libraries', 'database', 'package.json'));

export async function ensureDatabase(log, fallbackName = 'herald_e2e') {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { Client } = requireFromDatabase('pg');
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [fallbackName]);
    if (exists.rowCount === 0) {
      log(`creating the database ${fallbackName}`);
      await admin.query(`CREATE DATABASE ${fallbackName}`);
    }
  } finally {
    await admin.end();
  }
  return `postgres://postgres@127.0.0.1:5432/${fallbackName}`;
}
