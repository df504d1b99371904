#!/usr/bin/env node
// `npm start`: the whole product on one machine. Installs, builds, starts Postgres (embedded, when
// DATABASE_URL is unset) and Redis (redis-server from PATH, when REDIS_URL is unset) with their data under
// .data/, generates local secrets once, applies migrations, then runs the API, workers and cron and the
// frontend. HERALD_PROCESSES=all-in-one (the default) runs the API, workers and cron in one Node process
// (apps/all-in-one, the smallest footprint); HERALD_PROCESSES=separate runs one process each, as the compose file's
// default profile does. `npm start -- --demo` also starts the platform sandbox and points every platform at it.
// Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseEnv } from 'node:util';
import {
  DATA,
  ROOT,
  ensureInstalled,
  fail,
  log,
  portOpen,
  readJson,
  runPnpm,
  sql,
  startPostgresProcess,
  startRedis,
  waitFor,
  withDatabase,
  writeJson,
} from './lib/toolbox.mjs';

const argv = process.argv.slice(2);
const demo = argv.includes('--demo');
const skipBuild = argv.includes('--no-build');
const t0 = Date.now();
const cleanups = [];
const children = [];
let stopping = false;

function dotEnv() {
  const file = path.join(ROOT, '.env');
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
}

function localSecrets(env) {
  const file = path.join(DATA, 'secrets.json');
  const saved = readJson(file, {});
  const generated = [];
  for (const [name, make] of [
    ['JWT_SECRET', () => randomBytes(48).toString('base64url')],
    ['ENCRYPTION_KEY', () => randomBytes(32).toString('base64')],
  ]) {
    if (env[name]) continue;
    if (!saved[name]) {
      saved[name] = make();
      generated.push(name);
    }
    env[name] = saved[name];
  }
  if (generated.length > 0) writeJson(file, saved);
  if (!process.env.JWT_SECRET || !process.env.ENCRYPTION_KEY) {
    log('\x1b[33mwarning:\x1b[0m using local secrets from .data/secrets.json. Production must set its own JWT_SECRET and ENCRYPTION_KEY.');
  }
}

// glibc malloc thresholds of the cron process: fixed, so memory its start-up freed goes back to the system.
const CRON_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '16384', MALLOC_TRIM_THRESHOLD_: '131072' };
const COLORS = { herald: 36, backend: 36, workers: 35, cron: 33, frontend: 32, sandbox: 34 };
function launch(name, command, args, env, cwd = ROOT) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${COLORS[name] ?? 37}m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  log('stopped');
  process.exit(code);
}

async function httpOk(url) {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function startSandbox(env) {
  const sandbox = launch('sandbox', process.execPath, ['apps/sandbox/dist/main.js'], env);
  const settings = {};
  await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: sandbox.stdout });
    const timer = setTimeout(() => reject(new Error('the sandbox did not start')), 30000);
    lines.on('line', (line) => {
      const match = /^([A-Z_]+)=(.*)$/.exec(line);
      if (match) settings[match[1]] = match[2];
      if (match?.[1] === 'FACEBOOK_APP_SECRET') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return settings;
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  ensureInstalled();

  const env = { ...dotEnv(), ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  env.FRONTEND_URL ??= 'http://localhost:4200';
  env.NEXT_PUBLIC_BACKEND_URL ??= 'http://localhost:3000';
  env.BACKEND_INTERNAL_URL ??= env.NEXT_PUBLIC_BACKEND_URL;
  env.UPLOAD_DIRECTORY ??= path.join(DATA, 'uploads');
  env.NODE_ENV ??= 'production';
  env.HERALD_PROCESSES ||= 'all-in-one';
  // As in the image: fewer malloc arenas, a smaller idle process (bench/README.md).
  env.MALLOC_ARENA_MAX ??= '2';
  if (!['all-in-one', 'separate'].includes(env.HERALD_PROCESSES)) fail(`HERALD_PROCESSES must be all-in-one or separate (got "${env.HERALD_PROCESSES}")`);
  localSecrets(env);

  if (!skipBuild) {
    log('building (pnpm -r build)');
    runPnpm(['-r', '--workspace-concurrency=2', 'build'], { env });
  }

  if (!env.DATABASE_URL) {
    const pg = await startPostgresProcess(path.join(DATA, 'postgres'), Number(env.HERALD_LOCAL_PG_PORT ?? 54320));
    cleanups.push(pg.stop);
    await sql(`${pg.url}/postgres`, []);
    const exists = await (async () => {
      try {
        await sql(`${pg.url}/herald`, ['SELECT 1']);
        return true;
      } catch {
        return false;
      }
    })();
    if (!exists) await sql(`${pg.url}/postgres`, ['CREATE DATABASE herald']);
    env.DATABASE_URL = withDatabase(pg.url, 'herald');
    log(`Postgres (embedded) on ${pg.url.replace(/:[^:@/]+@/, ':***@')}, data in .data/postgres`);
  }
  if (!env.REDIS_URL) {
    const port = Number(env.HERALD_LOCAL_REDIS_PORT ?? 6380);
    if (await portOpen(port)) fail(`port ${port} is taken; set REDIS_URL or HERALD_LOCAL_REDIS_PORT`);
    const redis = await startRedis(path.join(DATA, 'redis'), port);
    if (!redis) {
      fail('REDIS_URL is not set and redis-server is not installed.\n  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379');
    }
    cleanups.push(redis.stop);
    env.REDIS_URL = redis.url;
    log(`Redis on ${redis.url}, data in .data/redis`);
  }

  if (demo) {
    log('demo mode: starting the platform sandbox (no real X, Instagram or Facebook account is used)');
    const settings = await startSandbox({ ...env, SANDBOX_CA_DIR: path.join(DATA, 'sandbox-ca') });
    Object.assign(env, settings, { DEMO_MODE: 'true' });
  }

  log('applying migrations');
  runPnpm(['run', 'migrate'], { env });

  // The same commands as package.json's start:prod:* scripts and docker-compose.yml.
  if (env.HERALD_PROCESSES === 'all-in-one') {
    launch('herald', process.execPath, ['--max-semi-space-size=8', 'apps/all-in-one/dist/main.js'], env);
  } else {
    launch('backend', process.execPath, ['--max-semi-space-size=8', 'apps/backend/dist/main.js'], env);
    launch('workers', process.execPath, ['--max-semi-space-size=32', 'apps/workers/dist/main.js'], env);
    // The cron's malloc thresholds, as docker-compose.yml's `cron` service sets them (bench/README.md, issue 21).
    launch('cron', process.execPath, ['--max-semi-space-size=2', '--single-threaded-gc', 'apps/cron/dist/main.js'], { ...env, ...CRON_MALLOC_ENV });
  }
  const frontendPort = new URL(env.FRONTEND_URL).port || '4200';
  launch('frontend', process.execPath, [path.join(ROOT, 'apps/frontend/node_modules/next/dist/bin/next'), 'start', '-p', frontendPort], { ...env, PORT: frontendPort }, path.join(ROOT, 'apps/frontend'));

  await waitFor(() => httpOk(`${env.BACKEND_INTERNAL_URL}/health`), { timeoutMs: 120000, what: 'the backend /health' });
  await waitFor(() => httpOk(`${env.FRONTEND_URL}/login`), { timeoutMs: 120000, what: 'the frontend' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  log(`\x1b[32mHerald is ready\x1b[0m in ${seconds} s`);
  log(`  dashboard  ${env.FRONTEND_URL}`);
  log(`  API        ${env.NEXT_PUBLIC_BACKEND_URL}   (health: ${env.NEXT_PUBLIC_BACKEND_URL}/health)`);
  if (demo) log('  demo mode: "Add channel" connects sandbox accounts; posts land in the sandbox ledger');
  log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
