// Browser step of chunked uploads: a 500 MB video dropped into the composer goes up in parts (POST /media/uploads)
// with its progress shown; halfway, one part cannot get through (the connection is cut three times, as many as the
// composer tries), so the upload fails with a Retry button; Retry sends only the parts the server is missing, and the
// video lands. The video is a real MP4 padded to 500 MB with a `free` box (scripts/lib/padded-mp4.cjs): a sparse
// file in a temporary folder, removed after. Its time is printed (bench/README.md, "Large uploads").
//   await largeUploadSteps({ step, page, frontendUrl, screenshot, log })   (from apps/frontend/e2e/run.mjs)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writePaddedMp4 } from '../../../../scripts/lib/padded-mp4.cjs';

const MB = 1024 * 1024;
const SIZE = 500 * MB;
const PART = /\/media\/uploads\/[0-9a-f-]+\/chunks\/(\d+)$/;

export async function largeUploadSteps({ step, page, frontendUrl, screenshot, log = () => undefined }) {
  await step('a 500 MB video goes up in parts with its progress; a part cut halfway fails it, and Retry resumes with the missing parts only', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'herald-e2e-video-'));
    const parts = new Map();
    const sentAt = new Map();
    let cutIndex = -1;
    let routing;
    // Only the cut part is intercepted, and interception starts two parts before it: every other part goes straight
    // to the API, as in real use (a routed request is paused in the browser until the test lets it go).
    const cutting = async (route) => (Number(PART.exec(route.request().url())?.[1]) === cutIndex ? route.abort('connectionreset') : route.continue());
    const count = (request) => {
      const match = PART.exec(request.url());
      if (!match || request.method() !== 'PUT') return;
      const index = Number(match[1]);
      parts.set(index, (parts.get(index) ?? 0) + 1);
      if (!sentAt.has(index)) sentAt.set(index, Date.now());
      if (!routing && cutIndex >= 0 && index >= cutIndex - 2) routing = page.route(PART, cutting);
    };
    try {
      const file = await writePaddedMp4(path.join(folder, 'long-take.mp4'), SIZE);
      await page.goto(`${frontendUrl}/calendar`);
      await page.locator('[data-ready]').waitFor();
      await page.getByRole('button', { name: 'New post' }).click();
      await page.locator('[data-composer]').waitFor();
      await page.locator('[data-channel-id][data-platform="x"]').first().click();

      // The upload's size in parts comes from the server (UPLOAD_CHUNK_KB): the part in the middle is cut.
      const begun = page.waitForResponse((response) => /\/media\/uploads$/.test(response.url()) && response.request().method() === 'POST');
      page.on('request', count);
      const started = Date.now();
      await page.locator('[data-composer] input[type=file]').first().setInputFiles(file);
      const { chunks, chunkSize } = await (await begun).json();
      cutIndex = Math.floor(chunks / 2);
      log(`500 MB video: ${chunks} parts of ${chunkSize / MB} MB; part ${cutIndex} is cut`);

      // The progress bar moves while parts arrive.
      await page.waitForFunction(() => (document.querySelector('[data-composer] figure[data-status="uploading"] progress')?.value ?? 0) >= 0.25, undefined, { timeout: 120_000 });
      await screenshot('large-upload-progress');
      const failed = page.locator('[data-composer] figure[data-status="failed"]');
      await failed.waitFor({ timeout: 120_000 });
      const failedAfter = (Date.now() - started) / 1000;
      await routing;
      await page.unroute(PART);
      await screenshot('large-upload-failed');
      const before = [...parts.keys()].sort((a, b) => a - b);
      if (parts.get(cutIndex) !== 3 || before.length !== cutIndex + 1 || before.some((index, i) => index !== i || (index !== cutIndex && parts.get(index) !== 1))) {
        throw new Error(`parts tried before the failure: ${JSON.stringify([...parts])}`);
      }
      const resumed = Date.now();
      await failed.getByRole('button', { name: 'Retry' }).click();
      await page.locator('[data-composer] figure[data-status="done"]').first().waitFor({ timeout: 180_000 });
      // The parts before the cut had arrived: only the cut one and those after it went again, each once.
      for (let index = 0; index < chunks; index += 1) {
        const expected = index === cutIndex ? 4 : 1;
        if (parts.get(index) !== expected) throw new Error(`part ${index} sent ${parts.get(index) ?? 0} times (expected ${expected}): ${JSON.stringify([...parts])}`);
      }
      const rate = (from, to) => (((to - from) * chunkSize) / MB / ((sentAt.get(to) - sentAt.get(from)) / 1000)).toFixed(0);
      log(`500 MB video: parts 0 to ${cutIndex - 2} at ${rate(0, cutIndex - 2)} MB/s, ${cutIndex + 1} to ${chunks - 1} at ${rate(cutIndex + 1, chunks - 1)} MB/s`);
      log(`500 MB video: failed at part ${cutIndex} after ${failedAfter.toFixed(1)} s; Retry sent the other ${chunks - cutIndex} parts and completed in ${((Date.now() - resumed) / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(1)} s from choosing the file`);
    } finally {
      page.off('request', count);
      await routing;
      await page.unroute(PART);
      await rm(folder, { recursive: true, force: true });
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached' });
  });
}
