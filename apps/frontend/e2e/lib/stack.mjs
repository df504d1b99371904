// Starts Herald's processes for browser runs (sandbox, backend, workers, `next start`) on free ports, and stops
// every one of them, also when the run fails. Shared by apps/frontend/e2e/run.mjs and bench/calendar/run.mjs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const FRONTEND_DIR = path.join(ROOT, 'apps', 'frontend');

const children = [];
const cleanups = [];

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when it is free (a stable port keeps the frontend build reusable), else any free port. */
export async function freePort(preferred) {
  if (preferred && (await portFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A base port with `count` free ports after it (the sandbox uses base..base+7). */
export async function freePortRange(count) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => portFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Spawns a child in its own process group (so its own children stop with it) and keeps its last output. */
export function start(name, command, args, { env, cwd = ROOT, onLine } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      onLine?.(line);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const handle = { name, child, tail, exited: false };
  child.once('exit', (code, signal) => {
    handle.exited = true;
    handle.exitCode = code ?? signal;
  });
  children.push(handle);
  return handle;
}

export async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250, process: watched } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (watched?.exited) throw new Error(`${watched.name} exited (${watched.exitCode}) before ${what}:\n${watched.tail.slice(-15).join('\n')}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
}

async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** The last lines each started process printed, for a failure report. */
export function processTails(lines = 12) {
  return children.map((h) => `--- ${h.name}${h.exited ? ` (exited ${h.exitCode})` : ''}\n${h.tail.slice(-lines).join('\n')}`).join('\n');
}

/** Stops every started process (SIGTERM, then SIGKILL) and removes temp dirs. Safe to call twice. */
export async function stopAll() {
  const running = children.splice(0).reverse();
  for (const handle of running) {
    if (handle.exited) continue;
    try {
      process.kill(-handle.child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5000;
  while (running.some((h) => !h.exited) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const handle of running) {
    if (handle.exited) continue;
    try {
      process.kill(-handle.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const cleanup of cleanups.splice(0)) cleanup();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}

/** The sandbox on free ports; resolves with the `KEY=value` lines it prints for Herald. */
export async function startSandbox({ frontendUrl, quick }) {
  const main = path.join(ROOT, 'apps', 'sandbox', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error('apps/sandbox/dist/main.js is missing: run `pnpm -r --filter "!@herald/frontend" build` first');
  const vars = {};
  const base = await freePortRange(8);
  const handle = start('sandbox', process.execPath, [main], {
    env: {
      ...process.env,
      SANDBOX_BASE_PORT: String(base),
      SANDBOX_CA_DIR: tempDir('herald-e2e-ca-'),
      FRONTEND_URL: frontendUrl,
      SANDBOX_CONTAINER_PROCESSING_MS: quick ? '300' : '1500',
      SANDBOX_X_MEDIA_PROCESSING_MS: quick ? '300' : '1000',
    },
    onLine: (line) => {
      const match = /^([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (match) vars[match[1]] = match[2];
    },
  });
  await waitFor('the sandbox', () => vars.FACEBOOK_APP_SECRET !== undefined && vars.NODE_EXTRA_CA_CERTS !== undefined, { timeoutMs: 20_000, process: handle });
  return { vars, adminUrl: `https://localhost:${base}` };
}

/** Backend (and workers when built) with the sandbox's variables; migrations run as the backend starts. */
/** `extraEnv`: more variables for both processes (EMAIL_SMTP_URL of the captured SMTP server). */
/**
 * The backend (and the workers) on `backendPort`. With `portFallback`, a port taken between the check and the
 * backend's listen (a preferred port in the ephemeral range can be taken by any outgoing connection meanwhile) is
 * replaced by another free one, twice at most; callers whose dashboard build names the port cannot take that.
 */
export async function startHerald({ portFallback = false, ...options }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startHeraldOn(options);
    } catch (error) {
      if (!portFallback || attempt >= 3 || !/EADDRINUSE/.test(error instanceof Error ? error.message : '')) throw error;
      options = { ...options, backendPort: await freePort() };
    }
  }
}

async function startHeraldOn({ sandboxVars = {}, backendPort, frontendUrl, workers: withWorkers = true, extraEnv = {} }) {
  const backendUrl = `http://localhost:${backendPort}`;
  const env = {
    ...process.env,
    ...sandboxVars,
    NODE_ENV: process.env.NODE_ENV ?? 'test',
    JWT_SECRET: randomBytes(24).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FRONTEND_URL: frontendUrl,
    NEXT_PUBLIC_BACKEND_URL: backendUrl,
    BACKEND_INTERNAL_URL: backendUrl,
    PORT: String(backendPort),
    UPLOAD_DIRECTORY: tempDir('herald-e2e-uploads-'),
    UPLOADS_PUBLIC_URL: `${backendUrl}/uploads`,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    // The steps sign up several people on one database.
    REGISTRATION: 'open',
    ...extraEnv,
  };
  const backend = start('backend', process.execPath, [path.join(ROOT, 'apps', 'backend', 'dist', 'main.js')], { env });
  await waitFor('the backend /health', () => httpOk(`${backendUrl}/health`), { timeoutMs: 60_000, process: backend });
  const workersMain = path.join(ROOT, 'apps', 'workers', 'dist', 'main.js');
  const workers = withWorkers && existsSync(workersMain) ? start('workers', process.execPath, [workersMain], { env }) : null;
  return { backendUrl, backend, workers, env };
}

export async function startNext({ port, env = {} }) {
  const nextBin = path.join(FRONTEND_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
  const handle = start('next', process.execPath, [nextBin, 'start', '-p', String(port)], {
    cwd: FRONTEND_DIR,
    env: { ...process.env, ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) },
  });
  const url = `http://localhost:${port}`;
  await waitFor('next start', () => httpOk(`${url}/login`), { timeoutMs: 30_000, process: handle });
  return url;
}

/** playwright-core from the dashboard's dependencies (callers outside apps/frontend have no node_modules). */
export const { chromium } = createRequire(path.join(FRONTEND_DIR, 'package.json'))('playwright-core');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Sends inline Redis commands and resolves with the raw reply text (enough for DBSIZE and CLIENT LIST). */
function redisRaw(commands, done) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 });
    let data = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('error', () => resolve(''));
    socket.on('close', () => resolve(data));
    socket.on('data', (chunk) => {
      data += chunk;
      if (done(data)) socket.end();
    });
    socket.write(commands.map((c) => `${c}\r\n`).join(''));
  });
}

/**
 * REDIS_URL from the environment (npm test gives one); otherwise a database of the local Redis that no other
 * client uses, empty if possible, because a publish queue shared with another workers process (a colleague's
 * test run) would lose jobs to it.
 */
export async function ensureRedisUrl(log) {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const clients = await redisRaw(['CLIENT LIST'], (data) => /\r\n$/.test(data) && data.startsWith('$') && data.length > 10);
  const busy = new Set([...clients.matchAll(/ db=(\d+)/g)].map((m) => Number(m[1])));
  const candidates = [];
  for (let db = 15; db >= 1; db -= 1) {
    if (busy.has(db)) continue;
    const reply = await redisRaw([`SELECT ${db}`, 'DBSIZE'], (data) => /:\d+\r\n/.test(data));
    const size = Number(/:(\d+)\r\n/.exec(reply)?.[1] ?? NaN);
    if (!Number.isNaN(size)) candidates.push({ db, size });
  }
  const chosen = candidates.find((c) => c.size === 0) ?? candidates[0];
  if (!chosen) throw new Error('REDIS_URL is not set and every database of the local Redis is in use');
  log(`using Redis database ${chosen.db} (${chosen.size === 0 ? 'empty' : `${chosen.size} keys`}, no other client)`);
  return `redis://127.0.0.1:6379/${chosen.db}`;
}
