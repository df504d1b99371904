#!/usr/bin/env node
// Footprint: the time from a cold start to a healthy /health (on an empty database, so migrations included, and
// again on a migrated one), the time until the workers and the cron say they are ready, and the idle RSS of each
// process (backend, workers, cron, and the dashboard's `next start` when the frontend is built), with its children.
//   node bench/footprint.mjs [--quick]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  freePort,
  freshDatabase,
  heraldEnv,
  httpOk,
  log,
  percentile,
  quick,
  ROOT,
  runMain,
  sleep,
  startProcess,
  startRedisServer,
  startSandbox,
  waitFor,
} from './lib/stack.mjs';

const IDLE_MS = quick ? 5_000 : 15_000;
const RESTARTS = quick ? 2 : 5;

/** RSS in MB of a process and all its descendants (Next.js forks a server process). */
function treeRssMb(pid) {
  let kb = 0;
  const visit = (p) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // The process ended meanwhile.
    }
  };
  visit(pid);
  return kb / 1024;
}

async function timeToHealthy(env, port) {
  const started = performance.now();
  const handle = startProcess('backend', path.join(ROOT, 'apps/backend/dist/main.js'), env);
  await waitFor('backend /health', () => httpOk(`http://127.0.0.1:${port}/health`), { timeoutMs: 90_000, intervalMs: 20, process: handle });
  return { handle, ms: performance.now() - started };
}

async function timeToLine(name, script, env, pattern) {
  const started = performance.now();
  const handle = startProcess(name, path.join(ROOT, script), env);
  await waitFor(`${name} ready`, () => pattern.test(handle.output()), { timeoutMs: 60_000, intervalMs: 20, process: handle });
  return { handle, ms: performance.now() - started };
}

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_footprint');
  const redis = await startRedisServer();
  const { sandbox } = await startSandbox();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { LOG_LEVEL: 'info' } });

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
  const workers = await timeToLine('workers', 'apps/workers/dist/main.js', env, /publish worker ready/);
  const cron = await timeToLine('cron', 'apps/cron/dist/main.js', env, /cron started/);
  let frontend;
  const nextBin = path.join(ROOT, 'apps/frontend/node_modules/next/dist/bin/next');
  if (existsSync(path.join(ROOT, 'apps/frontend/.next/BUILD_ID')) && existsSync(nextBin)) {
    const frontendPort = await freePort();
    const started = performance.now();
    const handle = startProcess('frontend', nextBin, { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(frontendPort) }, { args: ['start', path.join(ROOT, 'apps/frontend'), '-p', String(frontendPort)] });
    await waitFor('next start', () => httpOk(`http://127.0.0.1:${frontendPort}/login`), { timeoutMs: 60_000, intervalMs: 50, process: handle }).catch((error) => {
      log(`the dashboard did not start: ${error.message}`);
    });
    if (!handle.exited) frontend = { handle, ms: performance.now() - started };
  }
  log(`idle for ${IDLE_MS / 1000} s`);
  await sleep(IDLE_MS);
  // One request, so the backend's lazy paths (first query, first Redis call) are part of the idle figure.
  await httpOk(`http://127.0.0.1:${port}/health`);
  await sleep(500);

  const mb = (h) => treeRssMb(h.pid).toFixed(0);
  console.log(`footprint backend cold start to healthy /health ms (empty database, migrations included): ${first.ms.toFixed(0)}`);
  console.log(`footprint backend start to healthy /health ms (migrated database, median of ${RESTARTS}): ${percentile(restarts, 50).toFixed(0)}`);
  console.log(`footprint workers start to ready ms: ${workers.ms.toFixed(0)}`);
  console.log(`footprint cron start to ready ms: ${cron.ms.toFixed(0)}`);
  if (frontend) console.log(`footprint frontend (next start) to a served /login ms: ${frontend.ms.toFixed(0)}`);
  console.log(`footprint idle RSS MB: backend ${mb(backend)}, workers ${mb(workers.handle)}, cron ${mb(cron.handle)}${frontend ? `, frontend ${mb(frontend.handle)}` : ', frontend not built'}`);
  return true;
}

runMain(main);
