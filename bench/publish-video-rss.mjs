#!/usr/bin/env node
// Large publishes: one 500 MB video (quick: 50 MB) published to X (the sandbox) by a workers process of its own,
// sampling that process's resident memory (VmRSS in /proc/<pid>/status) every 100 ms: before, the highest while it
// publishes, and after. The worker streams the file from UPLOAD_DIRECTORY to X's APPEND in 4 MB segments, so its
// memory must not grow with the file: the run fails when the peak rises by more than 100 MB over the memory before.
// The video is a real MP4 padded with a `free` box (scripts/lib/padded-mp4.cjs), uploaded through the chunked API.
//   node bench/publish-video-rss.mjs [--quick] [--mb=N]
import path from 'node:path';
import { writePaddedMp4 } from '../scripts/lib/padded-mp4.cjs';
import { uploadInParts } from './lib/uploads.mjs';
import {
  args,
  connectChannel,
  freePort,
  freshDatabase,
  heraldEnv,
  log,
  query,
  quick,
  rssKb,
  runMain,
  signUp,
  sleep,
  startBackend,
  startRedisServer,
  startSandbox,
  startWorkers,
  tempDir,
  waitFor,
} from './lib/stack.mjs';

const MB = 1024 * 1024;
const SIZE_MB = Number(args.get('mb') ?? (quick ? 50 : 500));
const GROWTH_LIMIT_MB = 100;

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_publish_video');
  const redis = await startRedisServer();
  const { sandbox, agent } = await startSandbox();
  const port = await freePort();
  const work = tempDir('herald-bench-publish-video-');
  const env = heraldEnv({
    databaseUrl,
    redisUrl: redis.url,
    sandbox,
    port,
    uploads: path.join(work, 'uploads'),
    extra: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', UPLOAD_MAX_VIDEO_MB: String(Math.max(1024, SIZE_MB)), UPLOAD_QUOTA_MB: String(SIZE_MB * 2), WORKER_CONCURRENCY: '4' },
  });
  const backend = await startBackend(env, 'backend');
  const workers = startWorkers(env, 'workers');
  const { client } = await signUp(`http://127.0.0.1:${port}`, 'publish-video');
  const channel = await connectChannel(client, agent, 'x');

  const size = SIZE_MB * MB;
  const file = await writePaddedMp4(path.join(work, 'video.mp4'), size);
  const { media } = await uploadInParts(client, file, size, 'long-take.mp4');
  log(`media ${media.id} in the library, ${media.size} bytes`);

  // The workers have started, connected and settled (a few idle seconds) before the baseline is read.
  await sleep(3000);
  const mb = (kb) => (kb / 1024).toFixed(0);
  const before = rssKb(workers.child.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(workers.child.pid) || 0);
  }, 100);

  const started = performance.now();
  const text = `a ${SIZE_MB} MB video`;
  const created = await client.post('/posts', {
    type: 'now',
    date: new Date().toISOString(),
    shortLink: false,
    tags: [],
    posts: [{ integration: { id: channel.id }, value: [{ content: text, image: [{ id: media.id, path: media.path }] }], settings: { who_can_reply_post: 'everyone' } }],
  });
  if (created.status !== 201) throw new Error(`POST /posts answered ${created.status}: ${created.text}`);
  const postId = created.json[0].postId;
  const row = await waitFor(
    'the post to be published',
    async () => {
      const { rows } = await query(databaseUrl, `SELECT state, error FROM "Post" WHERE id = $1`, [postId]);
      return ['PUBLISHED', 'ERROR'].includes(rows[0]?.state) && rows[0];
    },
    { timeoutMs: 300_000, intervalMs: 200, process: workers },
  ).catch(async (error) => {
    const { rows } = await query(databaseUrl, `SELECT state, error, "errorCode" FROM "Post" WHERE id = $1`, [postId]);
    log(`post: ${JSON.stringify(rows[0])}; workers said: ${workers.output().slice(-2000)}`);
    throw error;
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssKb(workers.child.pid) || 0);
  await sleep(2000);
  const after = rssKb(workers.child.pid);
  if (row.state !== 'PUBLISHED') throw new Error(`the post ended ${row.state}: ${row.error}`);
  const tweet = sandbox.ledger.published.find((e) => e.platform === 'x' && e.text === text);
  if (tweet?.media?.[0]?.bytes !== size) throw new Error(`X got ${tweet?.media?.[0]?.bytes} bytes, ${size} sent`);

  const growth = (peak - before) / 1024;
  console.log(`publish-video-rss: a ${SIZE_MB} MB video published to X in ${Math.ceil(size / (4 * MB))} segments of 4 MB${quick ? ' (quick)' : ''}: ${seconds.toFixed(1)} s from POST /posts (${(SIZE_MB / seconds).toFixed(0)} MB/s)`);
  console.log(`workers RSS: before ${mb(before)} MB, peak during ${mb(peak)} MB (+${growth.toFixed(0)} MB), after ${mb(after)} MB`);
  if (growth > GROWTH_LIMIT_MB) {
    console.log(`FAILED: the workers grew by ${growth.toFixed(0)} MB while publishing a ${SIZE_MB} MB file (limit ${GROWTH_LIMIT_MB} MB)`);
    return false;
  }
  return true;
}

runMain(main);
