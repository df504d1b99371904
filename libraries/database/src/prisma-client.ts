import { setFlagsFromString } from 'node:v8';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

export type Database = PrismaClient;

// The pg pool under each client, for the few statements that run on every publish: written as SQL on the pool they
// cost about a tenth of the CPU of a Prisma query (measured: 0.24 ms against 0.6 to 2 ms).
const pools = new WeakMap<Database, pg.Pool>();

export interface DatabaseOptions {
  /** Connections at most in this client's pool (default 10). They open on demand. */
  max?: number;
  /** An unused connection is closed after this long (default 10 s), so an idle process holds none. */
  idleTimeoutMs?: number;
}

let baselineWasm = false;
/**
 * Prisma 7 plans queries in a WebAssembly module (query_compiler_fast_bg, 3.4 MB). V8 compiles it twice by default,
 * first with its baseline compiler (Liftoff) and then again with its optimizing one (TurboFan), and the second
 * compilation left about 65 MB of memory resident per process for good (bench/README.md, "Idle memory"). Planning
 * a query is a small part of its cost: on the baseline code it took the same CPU within the noise (0.97 against
 * 1.01 ms for a findMany with an include, query included). So the module is compiled by the baseline compiler only.
 * The flag is read when a module is compiled, so it is set before the first client; it only concerns WebAssembly,
 * and nothing else in Herald's processes compiles any.
 */
function preferBaselineWasm(): void {
  if (baselineWasm) return;
  baselineWasm = true;
  setFlagsFromString('--liftoff-only');
}

/**
 * `?pgbouncer=true` on the database URL: Herald runs behind PgBouncer in transaction mode (docs/pgbouncer.md), where
 * a statement prepared on one server connection is unknown on the next. Every statement then goes unnamed (parsed
 * again each time, in the same round trip); Prisma's own statements already are. The parameter is Prisma's
 * convention and is not passed on to Postgres.
 */
export function behindPgBouncer(databaseUrl: string): { url: string; pgbouncer: boolean } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return { url: databaseUrl, pgbouncer: false };
  }
  const pgbouncer = url.searchParams.get('pgbouncer') === 'true';
  if (!url.searchParams.has('pgbouncer')) return { url: databaseUrl, pgbouncer };
  url.searchParams.delete('pgbouncer');
  return { url: url.toString(), pgbouncer };
}

/** A pool whose queries never name their statement (`{ name }` is dropped): for PgBouncer's transaction mode. */
function withoutStatementNames(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const unnamed = (...args: unknown[]) => {
    const [config, ...rest] = args;
    if (typeof config === 'object' && config !== null && 'name' in config) {
      const { name: _name, ...plain } = config as pg.QueryConfig;
      return query(plain, ...rest);
    }
    return query(...args);
  };
  pool.query = unnamed as typeof pool.query;
  return pool;
}

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  preferBaselineWasm();
  const { url, pgbouncer } = behindPgBouncer(databaseUrl);
  const made = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: options.idleTimeoutMs ?? 10_000 });
  const pool = pgbouncer ? withoutStatementNames(made) : made;
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/** The connection pool a client made by `createDatabase` runs on (shared: the same connections, the same limit). */
export function sqlPool(db: Database): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('sqlPool: this client was not made by createDatabase');
  return pool;
}
