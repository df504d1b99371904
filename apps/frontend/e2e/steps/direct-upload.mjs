// Browser step of direct uploads to S3 (docs/api-additions.md#direct-uploads-to-s3): a second backend with
// STORAGE=s3 (an s3rver bucket with the CORS rule of docs/self-hosting.md#direct-uploads) answers the composer's
// /media/uploads calls; the browser PUTs the parts of a 21 MB video straight to the bucket by pre-signed URLs, reading
// each part's ETag (exposed by the CORS rule). A part cut three times fails the upload; Retry asks the server what the
// bucket has, sends only the missing parts, and the video lands under its media key with no staging object left.
//   await directUploadSteps({ step, page, frontendUrl, screenshot, herald, log, s3Port })   (from apps/frontend/e2e/run.mjs)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { addMultipartShim } from '../../../../test/support/s3-multipart-shim.cjs';
import { freePort, startHerald } from '../lib/stack.mjs';

const BUCKET = 'herald-e2e';

/** An MP4 by its first bytes (an `ftyp` box) and then zeros: 21 MB, past the composer's 20 MB for uploads in parts. */
function bigMp4() {
  const bytes = Buffer.alloc(21 * 1024 * 1024);
  bytes.writeUInt32BE(32, 0);
  bytes.write('ftypisom', 4, 'latin1');
  bytes.writeUInt32BE(0x200, 12);
  bytes.write('isomiso2avc1mp41', 16, 'latin1');
  return bytes;
}

/** Object keys in s3rver's directory (its files are `<key>._S3rver_object`). */
function objectKeys(root) {
  const keys = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('._S3rver_object')) keys.push(path.relative(path.join(root, BUCKET), full).split(path.sep).join('/').replace(/\._S3rver_object$/, ''));
    }
  };
  walk(path.join(root, BUCKET));
  return keys.sort();
}

/** The dashboard's environment for it to allow the bucket in its Content-Security-Policy (connect-src). */
export function directUploadFrontendEnv(s3Port) {
  return { STORAGE: 's3', S3_ENDPOINT: `http://127.0.0.1:${s3Port}`, S3_BUCKET: BUCKET, S3_FORCE_PATH_STYLE: 'true' };
}

export async function directUploadSteps({ step, page, frontendUrl, screenshot, herald, log, s3Port }) {
  const directory = mkdtempSync(path.join(tmpdir(), 'herald-e2e-s3-'));
  const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>${frontendUrl}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>content-type</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
  const server = new S3rver({ port: s3Port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: BUCKET, configs: [cors] }] });
  addMultipartShim(server);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // Same secrets as the first backend, so the browser's session is good on both.
    const direct = await startHerald({
      backendPort: await freePort(39190),
      // The step reaches it by its own URL (direct.backendUrl): another port does as well.
      portFallback: true,
      frontendUrl,
      workers: false,
      extraEnv: {
        JWT_SECRET: herald.env.JWT_SECRET,
        ENCRYPTION_KEY: herald.env.ENCRYPTION_KEY,
        STORAGE: 's3',
        S3_ENDPOINT: endpoint,
        S3_REGION: 'us-east-1',
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
        UPLOAD_CHUNK_KB: '5120',
      },
    });
    log(`S3 backend up on ${direct.backendUrl}, bucket at ${endpoint}`);

    await step('with STORAGE=s3, a 21 MB video goes to the bucket by pre-signed URLs; a cut part fails it, and Retry sends only the missing parts', async () => {
      await page.goto(`${frontendUrl}/calendar`);
      await page.locator('[data-ready]').waitFor();
      await page.getByRole('button', { name: 'New post' }).click();
      await page.locator('[data-composer]').waitFor();
      await page.locator('[data-channel-id][data-platform="x"]').first().click();

      const api = new RegExp(`^${herald.backendUrl.replace(/[.:/]/g, '\\$&')}/media/uploads`);
      const bucket = new RegExp(`^${endpoint.replace(/[.:/]/g, '\\$&')}/${BUCKET}/staging/`);
      const parts = new Map();
      const completions = [];
      let cut = true;
      // The composer's upload calls go to the S3 backend (the dashboard was built for the first one).
      await page.route(api, (route) => route.continue({ url: route.request().url().replace(herald.backendUrl, direct.backendUrl) }));
      await page.route(bucket, async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        const number = Number(new URL(route.request().url()).searchParams.get('partNumber'));
        parts.set(number, (parts.get(number) ?? 0) + 1);
        if (cut && number === 2) return route.abort('connectionreset');
        return route.continue();
      });
      const onRequest = (request) => {
        if (request.method() === 'POST' && /\/media\/uploads\/[0-9a-f-]+\/complete$/.test(request.url())) completions.push(request.postDataJSON());
      };
      page.on('request', onRequest);
      try {
        await page.locator('[data-composer] input[type=file]').first().setInputFiles({ name: 'direct-take.mp4', mimeType: 'video/mp4', buffer: bigMp4() });
        const failed = page.locator('[data-composer] figure[data-status="failed"]');
        await failed.waitFor({ timeout: 30_000 });
        await screenshot('direct-upload-failed');
        if (parts.get(1) !== 1 || parts.get(2) !== 3 || parts.has(3)) throw new Error(`parts tried before the failure: ${JSON.stringify([...parts])}`);
        cut = false;
        await failed.getByRole('button', { name: 'Retry' }).click();
        await page.locator('[data-composer] figure[data-status="done"]').first().waitFor({ timeout: 60_000 });
        // Part 1 was in the bucket: only 2 to 5 went again, each with the ETag the bucket answered (CORS exposes it).
        if (JSON.stringify([...parts].sort((a, b) => a[0] - b[0])) !== JSON.stringify([[1, 1], [2, 4], [3, 1], [4, 1], [5, 1]])) throw new Error(`parts sent: ${JSON.stringify([...parts])}`);
        const sent = completions.at(-1)?.parts ?? [];
        if (sent.length !== 4 || !sent.every((p) => /^"?[0-9a-f]{32}"?$/.test(p.etag))) throw new Error(`complete was sent ${JSON.stringify(completions)}`);
        const keys = objectKeys(directory);
        if (keys.length !== 1 || !/^[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f]{32}\.mp4$/.test(keys[0])) throw new Error(`bucket holds ${JSON.stringify(keys)}`);
      } finally {
        page.off('request', onRequest);
        await page.unroute(api);
        await page.unroute(bucket);
      }
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Discard' }).click();
      await page.locator('[data-composer]').waitFor({ state: 'detached' });
    });
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
