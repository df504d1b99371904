import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Umzug, type UmzugStorage } from 'umzug';
import { behindPgBouncer } from './prisma-client';

// Committed SQL in prisma/migrations/<timestamp>_<name>/migration.sql, applied in name order by umzug.
// A Postgres advisory lock serialises concurrent starts (several workers booting at once): the
// first process applies, the others wait and then find nothing pending.
const LOCK_KEY = 726_173_001;
const TABLE = '_herald_migrations';

export function defaultMigrationsDir(): string {
  // Same depth from src/ and dist/: libraries/database/{src,dist} -> repo root.
  const fromHere = path.resolve(__dirname, '../../../prisma/migrations');
  return process.env.HERALD_MIGRATIONS_DIR ?? fromHere;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      // A blank file is a migration still being written (or a mistake): never record it as applied.
      if (sql.trim() === '') throw new Error(`Migration ${name} is empty`);
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
  total: number;
}

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (message: string) => void;
}

export async function runMigrations(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  // Behind PgBouncer in transaction mode a session lock would stay on whichever server connection took it: the
  // whole run is then one transaction (each migration a savepoint in it), under a transaction-level lock.
  const { url, pgbouncer } = behindPgBouncer(databaseUrl);
  const client = new Client({ connectionString: url, application_name: 'herald-migrate' });
  await client.connect();
  const [begin, commit, rollback] = pgbouncer ? ['SAVEPOINT herald_migration', 'RELEASE SAVEPOINT herald_migration', 'ROLLBACK TO SAVEPOINT herald_migration'] : ['BEGIN', 'COMMIT', 'ROLLBACK'];
  let done = false;
  try {
    if (pgbouncer) await client.query('BEGIN');
    await client.query(pgbouncer ? 'SELECT pg_advisory_xact_lock($1)' : 'SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${TABLE}" (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const executedNames = async () => (await client.query<{ name: string }>(`SELECT name FROM "${TABLE}" ORDER BY name`)).rows.map((r) => r.name);
    const storage: UmzugStorage = {
      executed: executedNames,
      // Logging happens inside the migration's own transaction (below), so a crash can never leave a
      // migration applied but unrecorded.
      logMigration: () => Promise.resolve(),
      unlogMigration: async ({ name }) => {
        await client.query(`DELETE FROM "${TABLE}" WHERE name = $1`, [name]);
      },
    };
    // The usual start finds nothing to apply: umzug (and the command-line parser it loads, a few MB resident in every
    // process) is then never loaded; imports of packages load on first use (.swcrc.json `lazy`, bench/README.md).
    const executed = new Set(await executedNames());
    const pending = files.some((file) => !executed.has(file.name));
    const umzug = () =>
      new Umzug({
        storage,
        logger: undefined,
        migrations: files.map((file) => ({
          name: file.name,
          up: async () => {
            await client.query(begin);
            try {
              await client.query(file.sql);
              await client.query(`INSERT INTO "${TABLE}" (name, checksum) VALUES ($1, $2)`, [file.name, file.checksum]);
              await client.query(commit);
            } catch (error) {
              await client.query(rollback);
              throw new Error(`Migration ${file.name} failed: ${error instanceof Error ? error.message : String(error)}`);
            }
          },
        })),
      });
    const applied = pending ? await umzug().up() : [];
    await warnOnEditedMigrations(client, files, options.log);
    if (pgbouncer) await client.query('COMMIT');
    done = true;
    for (const m of applied) options.log?.(`applied migration ${m.name}`);
    return { applied: applied.map((m) => m.name), total: files.length };
  } finally {
    if (pgbouncer && !done) await client.query('ROLLBACK').catch(() => undefined);
    if (!pgbouncer) await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function warnOnEditedMigrations(client: Client, files: MigrationFile[], log?: (message: string) => void): Promise<void> {
  const rows = (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${TABLE}"`)).rows;
  const byName = new Map(files.map((f) => [f.name, f.checksum]));
  for (const row of rows) {
    const current = byName.get(row.name);
    if (current && current !== row.checksum) log?.(`warning: migration ${row.name} was edited after it was applied`);
  }
}

/** Names of committed migrations not yet applied (for health checks and `doctor`). */
export async function pendingMigrations(databaseUrl: string, migrationsDir = defaultMigrationsDir()): Promise<string[]> {
  const files = readMigrations(migrationsDir);
  const client = new Client({ connectionString: behindPgBouncer(databaseUrl).url });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('"${TABLE}"')::text AS t`);
    if (!exists.rows[0]?.t) return files.map((f) => f.name);
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM "${TABLE}"`)).rows.map((r) => r.name));
    return files.filter((f) => !done.has(f.name)).map((f) => f.name);
  } finally {
    await client.end();
  }
}
