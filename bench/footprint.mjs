#!/usr/bin/env node
// Footprint: the time from a cold start to a healthy /health (on an empty database, so migrations included, and
// again on a migrated one), the time until the workers and the cron say they are ready, and the idle memory of the
// whole stack in both ways of running Herald:
//   separate    backend, workers and cron as three processes (docker-compose.yml's `separate` profile);
//   all-in-one  apps/all-in-one, the three in one process (`npm start`, the `all-in-one` profile).
// Each app runs with the Node flags of its package.json `start:prod:*` script and MALLOC_ARENA_MAX=2, as in the image,
// plus the glibc malloc variables its docker-compose.yml service sets (the cron's fixed malloc thresholds).
// Per process: RSS (its children included: Next.js forks). The stack's totals add Postgres (the postmaster and every
// process under it) and this run's redis-server: as RSS, where Postgres's shared buffers count once per process
// that touched them, and as PSS (proportional set size: shared pages split between their users), the fairer sum.
//   node bench/footprint.mjs [--quick] [--node=/path/to/another/node]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  args,
  freePort,
  freshDatabase,
  heraldEnv,
  httpOk,
  log,
  percentile,
  pg,
  quick,
  ROOT,
  runMain,
  sleep,
  startProcess,
  startRedisServer,
  startSandbox,
  waitFor,
} from './lib/stack.mjs';

// Long enough for the pools' unused connections to close (10 s) and the first cron ticks to have run.
const IDLE_MS = quick ? 12_000 : 30_000;
const RESTARTS = quick ? 1 : 5;
const NODE = args.get('node') || process.execPath;
const SCRIPTS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;

/** The node flags and script of a `start:prod:*` script (`node [flags] script`). */
function prodCommand(app) {
  const parts = SCRIPTS[`start:prod:${app}`].split(/\s+/);
  if (parts[0] !== 'node') throw new Error(`start:prod:${app} does not start with node`);
  return { execArgv: parts.slice(1, -1), script: path.join(ROOT, parts.at(-1)) };
}

function readKb(file, field) {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(file, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // The process ended meanwhile.
  }
}

/** Every pid of a process tree. */
function tree(pid) {
  const pids = [];
  const visit = (p) => {
    pids.push(p);
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // Gone.
    }
  };
  visit(pid);
  return pids;
}

/** RSS and PSS in MB of a process and its descendants. */
function memory(pid) {
  return memoryOf(tree(pid));
}

/** RSS, PSS and the shared memory (RssShmem) of some processes, in MB; `shmem` is the largest of any one of them. */
function memoryOf(pids) {
  let rss = 0;
  let pss = 0;
  let shmem = 0;
  let totalShmem = 0;
  for (const p of pids) {
    rss += readKb(`/proc/${p}/status`, 'VmRSS');
    pss += readKb(`/proc/${p}/smaps_rollup`, 'Pss');
    const own = readKb(`/proc/${p}/status`, 'RssShmem');
    shmem = Math.max(shmem, own);
    totalShmem += own;
  }
  const mb = (kb) => kb / 1024;
  // Shared memory (Postgres's shared buffers) counted once instead of once per process that touched it.
  return { rss: mb(rss), pss: mb(pss), shmem: mb(shmem), rssShmemOnce: mb(rss - totalShmem + shmem) };
}

/**
 * Postgres's processes that belong to this stack: the postmaster and its auxiliary processes (checkpointer, WAL
 * writer…) and the connections to the stack's database, not those of other databases of a shared cluster.
 */
async function postgresPids(postmaster, databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (backend_type <> 'client backend' OR datname = current_database())",
    );
    const ours = new Set(rows.map((r) => r.pid));
    // Auxiliary processes not listed in pg_stat_activity (the logger, the archiver) are kept too.
    const listed = new Set((await client.query('SELECT pid FROM pg_stat_activity')).rows.map((r) => r.pid));
    return tree(postmaster).filter((p) => p === postmaster || ours.has(p) || !listed.has(p));
  } finally {
    await client.end();
  }
}

/** The postmaster of the cluster a database lives on: the parent of this connection's server process. */
async function postmasterPid(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } finally {
    await client.end();
  }
}

const COMPOSE = parseDocument(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }).toJS({ maxAliasCount: 1000 });

/** The MALLOC_* variables of an app's docker-compose.yml service (the all-in-one process is the `herald` service). */
function mallocEnv(app) {
  const environment = COMPOSE.services[app === 'all-in-one' ? 'herald' : app]?.environment ?? {};
  return Object.fromEntries(Object.entries(environment).filter(([name]) => name.startsWith('MALLOC_')).map(([name, value]) => [name, String(value)]));
}

function start(name, app, env) {
  const { execArgv, script } = prodCommand(app);
  return startProcess(name, script, { ...env, ...mallocEnv(app) }, { execArgv, node: NODE });
}

async function timeToHealthy(env, port, app = 'backend') {
  const started = performance.now();
  const handle = start(app, app, env);
  await waitFor(`${app} /health`, () => httpOk(`http://127.0.0.1:${port}/health`), { timeoutMs: 90_000, intervalMs: 20, process: handle });
  return { handle, ms: performance.now() - started };
}

async function timeToLine(app, env, pattern) {
  const started = performance.now();
  const handle = start(app, app, env);
  await waitFor(`${app} ready`, () => pattern.test(handle.output()), { timeoutMs: 60_000, intervalMs: 20, process: handle });
  return { handle, ms: performance.now() - started };
}

/** Idles, then reads every process's memory; one request first so the API's lazy paths are in the figure. */
async function idleFigures(label, port, processes, postgres, redisPid) {
  log(`${label}: idle for ${IDLE_MS / 1000} s`);
  await sleep(IDLE_MS);
  await httpOk(`http://127.0.0.1:${port}/health`);
  await sleep(500);
  const rows = Object.entries(processes).map(([name, handle]) => [name, memory(handle.pid)]);
  const pgMemory = memoryOf(await postgresPids(postgres.pid, postgres.databaseUrl));
  const data = [
    ['postgres', pgMemory],
    ['redis', memory(redisPid)],
  ];
  const sum = (list, key) => list.reduce((total, [, m]) => total + m[key], 0);
  const all = [...rows, ...data];
  const mb = (n) => n.toFixed(0);
  const figures = { nodeRss: sum(rows, 'rss'), stackRss: sum(all, 'rss'), stackRssShmemOnce: sum(all, 'rssShmemOnce'), stackPss: sum(all, 'pss') };
  console.log(`footprint ${label} idle RSS MB: ${rows.map(([n, m]) => `${n} ${mb(m.rss)}`).join(', ')}; Node processes ${mb(figures.nodeRss)}`);
  console.log(
    `footprint ${label} stack idle MB (Node + Postgres + Redis): RSS ${mb(figures.stackRss)} (postgres ${mb(pgMemory.rss)}, redis ${mb(data[1][1].rss)}), ` +
      `RSS with Postgres's shared memory counted once ${mb(figures.stackRssShmemOnce)} (postgres ${mb(pgMemory.rssShmemOnce)}), ` +
      `PSS ${mb(figures.stackPss)} (Node ${mb(sum(rows, 'pss'))}, postgres ${mb(pgMemory.pss)}, redis ${mb(data[1][1].pss)}); ` +
      `Postgres shared buffers touched ${mb(pgMemory.shmem)} (${mb(postgres.before.shmem)} before the stack started)`,
  );
  return figures;
}

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_footprint');
  const redis = await startRedisServer();
  const { sandbox } = await startSandbox();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { LOG_LEVEL: 'info', MALLOC_ARENA_MAX: '2' } });
  const postmaster = await postmasterPid(databaseUrl);
  // Postgres before any Herald process: its shared buffers may be warm from earlier work on the cluster (the test
  // command runs this after the other benchmarks), and they count in the RSS of every Postgres process that touched them.
  const before = memoryOf(await postgresPids(postmaster, databaseUrl));
  const postgres = { pid: postmaster, databaseUrl, before };
  const version = (await import('node:child_process')).spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`footprint node ${version}${NODE === process.execPath ? '' : ` (${NODE})`}`);
  console.log(
    `footprint postgres before the stack MB: RSS ${before.rss.toFixed(0)}, with shared memory counted once ${before.rssShmemOnce.toFixed(0)}, PSS ${before.pss.toFixed(0)}, shared buffers touched ${before.shmem.toFixed(0)}`,
  );

  // ── separate processes
  const first = await timeToHealthy(env, port);
  await first.handle.stop();
  const restarts = [];
  let backend;
  for (let i = 0; i < RESTARTS; i += 1) {
    const run = await timeToHealthy(env, port);
    restarts.push(run.ms);
    if (i < RESTARTS - 1) await run.handle.stop();
    else backend = run.handle;
  }
  const workers = await timeToLine('workers', env, /publish worker ready/);
  const cron = await timeToLine('cron', env, /cron started/);
  console.log(`footprint backend cold start to healthy /health ms (empty database, migrations included): ${first.ms.toFixed(0)}`);
  console.log(`footprint backend start to healthy /health ms (migrated database, median of ${RESTARTS}): ${percentile(restarts, 50).toFixed(0)}`);
  console.log(`footprint workers start to ready ms: ${workers.ms.toFixed(0)}`);
  console.log(`footprint cron start to ready ms: ${cron.ms.toFixed(0)}`);
  const separate = await idleFigures('separate', port, { backend, workers: workers.handle, cron: cron.handle }, postgres, redis.pid());
  await Promise.all([backend.stop(), workers.handle.stop(), cron.handle.stop()]);

  // ── all-in-one
  const aio = await timeToHealthy(env, port, 'all-in-one');
  console.log(`footprint all-in-one start to healthy /health ms: ${aio.ms.toFixed(0)}`);
  const single = await idleFigures('all-in-one', port, { 'all-in-one': aio.handle }, postgres, redis.pid());
  await aio.handle.stop();

  // The dashboard, when built: the same in both modes.
  const nextBin = path.join(ROOT, 'apps/frontend/node_modules/next/dist/bin/next');
  if (existsSync(path.join(ROOT, 'apps/frontend/.next/BUILD_ID')) && existsSync(nextBin)) {
    const frontendPort = await freePort();
    const started = performance.now();
    const handle = startProcess('frontend', nextBin, { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(frontendPort) }, { args: ['start', path.join(ROOT, 'apps/frontend'), '-p', String(frontendPort)], node: NODE });
    const served = await waitFor('next start', () => httpOk(`http://127.0.0.1:${frontendPort}/login`), { timeoutMs: 60_000, intervalMs: 50, process: handle }).then(
      () => true,
      (error) => log(`the dashboard did not start: ${error.message}`),
    );
    if (served) {
      console.log(`footprint frontend (next start) to a served /login ms: ${(performance.now() - started).toFixed(0)}`);
      await sleep(quick ? 2_000 : 10_000);
      console.log(`footprint frontend idle RSS MB: ${memory(handle.pid).rss.toFixed(0)} (add it to either stack)`);
    }
    await handle.stop();
  } else {
    console.log('footprint frontend not built: not measured');
  }
  console.log(
    `footprint idle stack MB, separate vs all-in-one: RSS ${separate.stackRss.toFixed(0)} vs ${single.stackRss.toFixed(0)}, ` +
      `RSS with Postgres's shared memory counted once ${separate.stackRssShmemOnce.toFixed(0)} vs ${single.stackRssShmemOnce.toFixed(0)}, ` +
      `PSS ${separate.stackPss.toFixed(0)} vs ${single.stackPss.toFixed(0)} ` +
      `(goal all-in-one ≤ 400: ${single.stackRss <= 400 ? 'met' : single.stackRssShmemOnce <= 400 ? 'met with shared memory counted once' : 'MISSED'})`,
  );
  return true;
}

runMain(main);
