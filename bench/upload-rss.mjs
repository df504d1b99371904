#!/usr/bin/env node
// Large uploads: one 500 MB video (quick: 50 MB) sent in parts through the chunked API (POST /media/uploads, PUT
// each part, complete) to a backend of its own, sampling the backend's resident memory (VmRSS in /proc/<pid>/status)
// every 100 ms: before, the highest while the parts arrive and the file is completed, and after. The API streams
// each part to its offset on disk, so its memory must not grow with the file: the run fails when the peak rises by
// more than 100 MB over the memory before (the file is 500 MB).
//   node bench/upload-rss.mjs [--quick] [--mb=N] [--chunk-mb=N]
import { open } from 'node:fs/promises';
import path from 'node:path';
import { args, freePort, freshDatabase, heraldEnv, log, quick, rssKb, runMain, signUp, startBackend, startRedisServer, tempDir } from './lib/stack.mjs';
import { uploadInParts } from './lib/uploads.mjs';

const MB = 1024 * 1024;
const SIZE_MB = Number(args.get('mb') ?? (quick ? 50 : 500));
const CHUNK_MB = Number(args.get('chunk-mb') ?? 8);
const GROWTH_LIMIT_MB = 100;

/** An MP4 by its first bytes (an `ftyp` box, brand isom) followed by zeros: what the type check reads. */
async function writeVideo(file, bytes) {
  const handle = await open(file, 'w');
  try {
    const ftyp = Buffer.alloc(32);
    ftyp.writeUInt32BE(32, 0);
    ftyp.write('ftypisom', 4, 'latin1');
    ftyp.writeUInt32BE(0x200, 12);
    ftyp.write('isomiso2avc1mp41', 16, 'latin1');
    await handle.write(ftyp, 0, ftyp.length, 0);
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
}

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_upload_rss');
  const redis = await startRedisServer();
  const port = await freePort();
  const work = tempDir('herald-bench-upload-');
  const env = heraldEnv({
    databaseUrl,
    redisUrl: redis.url,
    port,
    uploads: path.join(work, 'uploads'),
    extra: { LOG_LEVEL: 'error', UPLOAD_CHUNK_KB: String(CHUNK_MB * 1024), UPLOAD_MAX_VIDEO_MB: String(Math.max(1024, SIZE_MB)), UPLOAD_QUOTA_MB: String(SIZE_MB * 2) },
  });
  const backend = await startBackend(env, 'backend');
  const { client } = await signUp(`http://127.0.0.1:${port}`, 'upload-rss');
  const size = SIZE_MB * MB;
  const file = path.join(work, 'video.mp4');
  await writeVideo(file, size);

  const mb = (kb) => (kb / 1024).toFixed(0);
  await client.get('/media'); // warm the route, the session and the database pool
  const before = rssKb(backend.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(backend.pid) || 0);
  }, 100);

  const started = performance.now();
  const { media: stored, chunks, chunkSize } = await uploadInParts(client, file, size, 'large.mp4');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssKb(backend.pid) || 0);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = rssKb(backend.pid);

  const growth = (peak - before) / 1024;
  console.log(`upload-rss: ${SIZE_MB} MB video in ${chunks} parts of ${chunkSize / MB} MB${quick ? ' (quick)' : ''}: ${seconds.toFixed(1)} s (${(SIZE_MB / seconds).toFixed(0)} MB/s)`);
  console.log(`backend RSS: before ${mb(before)} MB, peak during ${mb(peak)} MB (+${growth.toFixed(0)} MB), after ${mb(after)} MB`);
  log(`media ${stored.id} stored, ${stored.size} bytes`);
  if (stored.size !== size) throw new Error(`stored size ${stored.size}, sent ${size}`);
  if (growth > GROWTH_LIMIT_MB) {
    console.log(`FAILED: the backend grew by ${growth.toFixed(0)} MB while taking a ${SIZE_MB} MB file (limit ${GROWTH_LIMIT_MB} MB)`);
    return false;
  }
  return true;
}

runMain(main);
