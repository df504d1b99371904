import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { defaultMigrationsDir, pendingMigrations, runMigrations } from './migrate';

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

describe('migration 20261207090000_calendar_post_json', () => {
  const name = `herald_mig_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: urlFor('postgres') });
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-migrations-'));

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the calendar text of the posts that exist before it (the backfill), as later writes do', async () => {
    const all = readdirSync(defaultMigrationsDir()).filter((entry) => entry < '20261207090000').sort();
    for (const entry of all) cpSync(path.join(defaultMigrationsDir(), entry), path.join(dir, entry), { recursive: true });
    const url = urlFor(name);
    await runMigrations(url, { migrationsDir: dir });
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const insert = `INSERT INTO "Post" ("id", "organizationId", "integrationId", "group", "state", "publishDate", "content", "settings", "updatedAt")
        VALUES ($1, $2, $3, 'g', 'QUEUE', '2033-05-02T08:00:00.5Z', 'before "it"', '{"a": [1, 2], "b": "x"}', now())`;
      await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'o', now())`);
      await db.query(`INSERT INTO "Integration" ("id", "organizationId", "internalId", "name", "providerIdentifier", "token", "updatedAt")
        VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'i', 'c', 'x', 't', now())`);
      await db.query(insert, ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
      expect((await runMigrations(url)).applied).toContain('20261207090000_calendar_post_json');
      await db.query(insert, ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
      const { rows } = await db.query<{ id: string; calendarJson: string }>(`SELECT "id", "calendarJson" FROM "Post" ORDER BY "id"`);
      const text = (id: string) =>
        `{"id":"${id}","content":"before \\"it\\"","publishDate":"2033-05-02T08:00:00.500Z","releaseURL":null,"releaseId":null,"state":"QUEUE",` +
        `"intervalInDays":null,"group":"g","creationMethod":"UNKNOWN","settings":"{\\"a\\":[1,2],\\"b\\":\\"x\\"}"`;
      expect(rows).toEqual([
        { id: '00000000-0000-4000-8000-000000000003', calendarJson: text('00000000-0000-4000-8000-000000000003') },
        { id: '00000000-0000-4000-8000-000000000004', calendarJson: text('00000000-0000-4000-8000-000000000004') },
      ]);
    } finally {
      await db.end();
    }
  });
});
