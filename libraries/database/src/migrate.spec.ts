import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { pendingMigrations, runMigrations } from './migrate';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_test';

function urlFor(database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

describe('runMigrations', () => {
  const name = `herald_mig_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: urlFor('postgres') });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('applies every migration once, even when three processes start together', async () => {
    const url = urlFor(name);
    expect((await pendingMigrations(url)).length).toBeGreaterThan(0);
    const results = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, results[0].total].sort());
    expect(await pendingMigrations(url)).toEqual([]);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['Organization', 'User', 'UserOrganization', 'Integration', 'Post', 'Media', 'ApiKey', 'Webhook', 'Notification']),
      );
      // Every time is timestamptz and every JSON column jsonb.
      const columns = await db.query<{ data_type: string }>(
        `SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_herald_migrations'`,
      );
      const types = new Set(columns.rows.map((r) => r.data_type));
      expect(types.has('timestamp without time zone')).toBe(false);
      expect(types.has('json')).toBe(false);
    } finally {
      await db.end();
    }
  });
});
