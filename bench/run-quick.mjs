#!/usr/bin/env node
// Every benchmark and chaos run, one after the other, each in its `--quick` mode (the test command runs this):
// their figures go to stdout as they print them, then a summary. Exits 1 when one of them misses its target
// (a lost or duplicated post, a 5xx on bad input, a leak between organizations, a token in clear) or fails.
//   node bench/run-quick.mjs [--quick] [name…]      (names filter, e.g. `node bench/run-quick.mjs bad-input`)
// Needs the server packages built (`pnpm -r --filter '!@herald/frontend' build`), Postgres and redis-server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TS = ['--require', './apps/workers/test/support/register-ts.cjs'];

// [name, script, node flags, time bound in seconds]
const RUNS = [
  ['publish-faults', 'chaos/publish-faults.mjs', [], 200],
  ['bad-input', 'chaos/bad-input.mjs', [], 180],
  ['isolation-matrix', 'chaos/isolation-matrix.mjs', [], 90],
  ['secrets-scan', 'chaos/secrets-scan.mjs', [], 120],
  ['security-probes', 'chaos/security-probes.mjs', [], 120],
  ['calendar-api', 'bench/calendar-api.mjs', [], 90],
  ['footprint', 'bench/footprint.mjs', [], 150],
  ['publish', 'bench/publish/run.ts', TS, 180],
  ['calendar', 'bench/calendar/run.mjs', [], 240],
  ['analytics', 'bench/analytics.mjs', [], 120],
  ['upload-rss', 'bench/upload-rss.mjs', [], 60],
  ['publish-video-rss', 'bench/publish-video-rss.mjs', [], 60],
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let current;

function stopGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function run(name, script, flags, boundSeconds) {
  return new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n── ${name} (${script} --quick)\n`);
    const child = spawn(process.execPath, [...flags, script, '--quick'], { cwd: ROOT, env: process.env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    // The whole process group, so a script's own children (backend, workers, redis-server) stop with it.
    const timer = setTimeout(() => {
      process.stdout.write(`── ${name}: over its bound of ${boundSeconds} s, stopped\n`);
      stopGroup(child.pid, 'SIGTERM');
      setTimeout(() => stopGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, boundSeconds * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ name, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000 });
    });
  });
}

async function main() {
  const t0 = Date.now();
  const results = [];
  for (const [name, script, flags, bound] of RUNS) {
    if (only.length > 0 && !only.includes(name)) continue;
    if (!existsSync(path.join(ROOT, script))) {
      process.stdout.write(`\n── ${name}: ${script} is missing, skipped\n`);
      continue;
    }
    results.push(await run(name, script, flags, bound));
  }
  process.stdout.write('\n── summary\n');
  for (const r of results) process.stdout.write(`${r.name.padEnd(18)} ${r.ok ? 'ok' : `FAILED (${r.code})`}  ${r.seconds.toFixed(0)} s\n`);
  process.stdout.write(`bench and chaos quick runs: ${results.filter((r) => r.ok).length} ok, ${results.filter((r) => !r.ok).length} failed, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (current && current.exitCode === null) stopGroup(current.pid, 'SIGTERM');
    process.exit(130);
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
