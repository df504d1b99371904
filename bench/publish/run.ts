// Publishing bench: real worker processes against the in-process sandbox, a database and Redis database of its own.
//   node --require ./apps/workers/test/support/register-ts.cjs bench/publish/run.ts [--quick] [--workers=2] [--concurrency=20]
//     [--only=lateness|throughput] [--profile=DIR]      (BENCH_NODE_ARGS: extra node flags for the worker processes)
// (1) lateness: N posts due in the same second over 100 channels → p50/p99/max of (sandbox received − scheduled);
// (2) throughput: M posts due at once over 1,000 channels → time to drain and posts per second.
// Posts carry text as people write it (an ampersand, angle brackets, a link with a query, an emoji), the sandbox
// publishes a text sent twice twice (its duplicate refusal is off, so a double send is counted, never hidden), and the
// run fails when Herald's record of any post disagrees with the sandbox's ledger (bench/lib/reconcile.cjs).
// Both print the CPU each part of the stack spent per post (from /proc), and lateness also from the due time until
// the sandbox had every post: on a 2-core machine where everything shares the cores, that figure decides the p99.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { channelTokenContext, type TokenColumn } from '@herald/core';
import { htmlToPlainText } from '@herald/shared';
import { connectChannel, type Harness, startHarness } from '../../apps/workers/test/support/harness';
import { spawnWorker, type WorkerProcess } from '../../apps/workers/test/support/worker-processes';
import { reconcile, reconcileLine } from '../lib/reconcile.cjs';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const quick = args.has('quick');
const workerCount = Number(args.get('workers') ?? 2);
const concurrency = Number(args.get('concurrency') ?? 20);
const only = args.get('only');
// --profile=DIR writes a V8 CPU profile of each worker process into DIR (open it in Chrome's DevTools).
const profileDir = args.get('profile');
const LATENESS_POSTS = quick ? 100 : 1_000;
const LATENESS_CHANNELS = 100;
const THROUGHPUT_POSTS = quick ? 500 : 10_000;
const THROUGHPUT_CHANNELS = 1_000;
const LEAD_MS = 5_000;

const UNLIMITED = 1_000_000_000;

/** CPU seconds used so far by each part of the stack, read from /proc (Linux); empty elsewhere. */
function cpuSeconds(workerPids: number[]): Record<string, number> {
  const totals: Record<string, number> = {};
  const bench = process.cpuUsage();
  totals['bench + sandbox'] = (bench.user + bench.system) / 1e6;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const group = workerPids.includes(Number(pid)) ? 'workers' : comm === 'postgres' ? 'postgres' : comm.startsWith('redis-server') ? 'redis' : undefined;
      if (!group) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[group] = (totals[group] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended between the listing and the read
    }
  }
  return totals;
}

let workerPids: number[] = [];

/** Runs `phase` and prints the CPU time each part of the stack spent in it, per post. */
async function withCpu(label: string, posts: number, phase: () => Promise<void>): Promise<void> {
  const before = cpuSeconds(workerPids);
  await phase();
  const after = cpuSeconds(workerPids);
  const parts = Object.keys(after).map((k) => `${k} ${(((after[k] ?? 0) - (before[k] ?? 0)) * 1000 / posts).toFixed(2)}`);
  console.log(`${label} cpu ms per post: ${parts.join(', ')} (scheduling included; postgres backends that ended are not counted)`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `count` X channels in one organization, sharing the tokens of the three sandbox personas (X posts as the token's user). */
async function makeChannels(h: Harness, count: number): Promise<string[]> {
  const personas = [await connectChannel(h, 'x', { persona: 'alice' }), await connectChannel(h, 'x', { persona: 'bob' }), await connectChannel(h, 'x', { persona: 'carol' })];
  const organizationId = personas[0]?.organizationId ?? '';
  const templates = await h.db.integration.findMany({ where: { id: { in: personas.map((p) => p.id) } } });
  const rows = Array.from({ length: count }, (_, i) => {
    const source = templates[i % templates.length];
    if (!source) throw new Error('no X channel to copy');
    const { id: _id, createdAt: _c, updatedAt: _u, settings: _s, ...template } = source;
    const copy = { organizationId, providerIdentifier: template.providerIdentifier, internalId: `bench-${randomUUID()}` };
    // Tokens are bound to their channel when encrypted: each copy gets its own ciphertext of the same tokens.
    const moved = (column: TokenColumn) => {
      const value = template[column];
      return value === null ? null : h.cipher.encrypt(h.cipher.decrypt(value, channelTokenContext(template, column)), channelTokenContext(copy, column));
    };
    return { ...template, ...copy, token: moved('token') ?? '', tokenSecret: moved('tokenSecret'), refreshToken: moved('refreshToken'), id: randomUUID(), name: `bench channel ${i}` };
  });
  await h.db.integration.createMany({ data: rows });
  return rows.map((r) => r.id);
}

async function schedulePosts(h: Harness, channels: string[], count: number, due: Date, label: string): Promise<Map<string, string>> {
  const byText = new Map<string, string>();
  const organizationId = (await h.db.integration.findUniqueOrThrow({ where: { id: channels[0] ?? '' } })).organizationId;
  const rows = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const tag = randomUUID().slice(0, 8);
    // Stored as the composer stores it (HTML); the platform receives its plain text.
    const content = `<p>${label} ${i} &amp; friends &lt;${tag}&gt; 🎉 https://example.com/${label}/${i}?ref=bench&amp;k=${tag}</p>`;
    byText.set(htmlToPlainText(content), id);
    return { id, organizationId, integrationId: channels[i % channels.length] ?? '', group: id, state: 'QUEUE' as const, publishDate: due, content };
  });
  for (let i = 0; i < rows.length; i += 1_000) await h.db.post.createMany({ data: rows.slice(i, i + 1_000) });
  for (let i = 0; i < rows.length; i += 500) {
    await h.jobs.ensure(rows.slice(i, i + 500).map((r) => ({ postId: r.id, organizationId, runAt: due })));
  }
  return byText;
}

async function waitDrained(h: Harness, byText: Map<string, string>, timeoutMs: number, onAllReceived = () => {}): Promise<void> {
  const ids = [...byText.values()];
  const deadline = Date.now() + timeoutMs;
  // The sandbox runs in this process: watching its ledger is free, while a database poll would take its CPU.
  while (received(h, byText).length < ids.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  onAllReceived();
  for (;;) {
    const left = await h.db.post.count({ where: { id: { in: ids }, state: { notIn: ['PUBLISHED', 'ERROR'] } } });
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} posts still not published after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function received(h: Harness, byText: Map<string, string>): number[] {
  return h.sandbox.ledger.published.filter((e) => byText.has(e.text)).map((e) => e.receivedAt);
}

async function lateness(h: Harness): Promise<void> {
  const channels = await makeChannels(h, LATENESS_CHANNELS);
  const due = new Date(Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000);
  const byText = await schedulePosts(h, channels, LATENESS_POSTS, due, 'lateness');
  const margin = due.getTime() - Date.now();
  if (margin < 0) console.log(`lateness: WARNING scheduling finished ${-margin} ms after the due time`);
  let atDue: Record<string, number> = {};
  const timer = setTimeout(() => (atDue = cpuSeconds(workerPids)), Math.max(0, margin));
  let drained: Record<string, number> = {};
  await waitDrained(h, byText, 300_000, () => (drained = cpuSeconds(workerPids)));
  clearTimeout(timer);
  const delays = received(h, byText).map((at) => at - due.getTime()).sort((a, b) => a - b);
  const failed = await h.db.post.count({ where: { id: { in: [...byText.values()] }, state: 'ERROR' } });
  console.log(`lateness: ${LATENESS_POSTS} posts due in the same second over ${LATENESS_CHANNELS} channels, ${workerCount} worker processes x ${concurrency}`);
  console.log(`lateness min ms: ${delays[0]}`);
  console.log(`lateness p50 ms: ${percentile(delays, 50)}`);
  console.log(`lateness p99 ms: ${percentile(delays, 99)}`);
  console.log(`lateness max ms: ${delays.at(-1)}`);
  console.log(`lateness published: ${delays.length} failed: ${failed} duplicates: ${duplicates(h, byText)}`);
  await check(h, 'lateness', byText);
  const parts = Object.keys(drained).map((k) => `${k} ${((((drained[k] ?? 0) - (atDue[k] ?? 0)) * 1000) / LATENESS_POSTS).toFixed(2)}`);
  console.log(`lateness cpu ms per post from the due time until the platform had them all: ${parts.join(', ')}`);
}

function duplicates(h: Harness, byText: Map<string, string>): number {
  const seen = h.sandbox.ledger.published.filter((e) => byText.has(e.text));
  return seen.length - new Set(seen.map((e) => e.text)).size;
}

let disagreements = 0;

/** Herald's record of each post against the ledger; a disagreement fails the run once its figures are printed. */
async function check(h: Harness, label: string, byText: Map<string, string>): Promise<void> {
  const rows = await h.db.post.findMany({ where: { id: { in: [...byText.values()] } }, select: { id: true, state: true, releaseId: true, error: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const posts = [...byText].map(([text, id]) => ({ id, platform: 'x', text, state: byId.get(id)?.state ?? 'MISSING', releaseId: byId.get(id)?.releaseId ?? null, error: byId.get(id)?.error ?? null }));
  const result = reconcile(posts, h.sandbox.ledger.published.filter((e) => byText.has(e.text)));
  console.log(reconcileLine(label, result));
  for (const line of result.examples) console.log(`${label}   ${line}`);
  disagreements += result.failures;
}

async function throughput(h: Harness): Promise<void> {
  const channels = await makeChannels(h, THROUGHPUT_CHANNELS);
  const due = new Date(Date.now() + LEAD_MS);
  const byText = await schedulePosts(h, channels, THROUGHPUT_POSTS, due, 'throughput');
  await waitDrained(h, byText, 1_800_000);
  const done = Date.now();
  const times = received(h, byText).sort((a, b) => a - b);
  const lastReceived = times.at(-1) ?? done;
  const drainMs = lastReceived - due.getTime();
  const failed = await h.db.post.count({ where: { id: { in: [...byText.values()] }, state: 'ERROR' } });
  console.log(`throughput: ${THROUGHPUT_POSTS} posts due at once over ${THROUGHPUT_CHANNELS} channels, ${workerCount} worker processes x ${concurrency}`);
  console.log(`throughput drain s: ${(drainMs / 1000).toFixed(1)}`);
  console.log(`throughput posts/s: ${((times.length / drainMs) * 1000).toFixed(1)}`);
  console.log(`throughput published: ${times.length} failed: ${failed} duplicates: ${duplicates(h, byText)}`);
  await check(h, 'throughput', byText);
}

async function main(): Promise<void> {
  const h = await startHarness({
    database: 'herald_bench_publish',
    redisDb: 14,
    sandbox: {
      limits: { xTweetsPer15Min: UNLIMITED, xTweetsPer24hPerUser: UNLIMITED, xTweetsPer24hPerApp: UNLIMITED, xReadPer15Min: UNLIMITED },
      behaviour: { refuseDuplicates: false },
    },
  });
  const workers: WorkerProcess[] = [];
  try {
    const env = { ...h.env, NODE_EXTRA_CA_CERTS: h.sandbox.caCertPath, WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: 'error' };
    for (let i = 0; i < workerCount; i++) workers.push(await spawnWorker(env, {}, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]));
    workerPids = workers.map((w) => w.child.pid ?? 0);
    if (only !== 'throughput') await withCpu('lateness', LATENESS_POSTS, () => lateness(h));
    if (only !== 'lateness') await withCpu('throughput', THROUGHPUT_POSTS, () => throughput(h));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await h.close();
  }
}

main().then(
  () => process.exit(disagreements === 0 ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
