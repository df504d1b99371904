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
 * Prisma's generated client reads the query compiler's WebAssembly from a module that exports it as base64 (4.4 MB
 * string) and keeps nothing else of it once compiled; Node's module cache would keep the string for the life of the
 * process. It is dropped from the cache once loaded (a later client in the same process reads the file again), so an
 * idle process holds 4.4 MB less (bench/README.md, "Idle memory"). Only Node's own CommonJS cache is touched: under
 * jest, whose modules are not in it, this finds nothing.
 */
let compilerSource: string | undefined;
function dropCompilerSource(): void {
  compilerSource ??= require.resolve('@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js');
  const cached = require.cache[compilerSource];
  if (!cached) return;
  delete require.cache[compilerSource];
  // The module that required it lists it among its children, which would keep it too.
  for (const parent of Object.values(require.cache)) {
    if (parent?.children.includes(cached)) parent.children = parent.children.filter((child) => child !== cached);
  }
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
  // Prisma has loaded its query compiler by the time it takes a connection for its first query.
  made.on('acquire', dropCompilerSource);
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
