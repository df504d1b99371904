// Browser step of chunked uploads: a 21 MB video dropped into the composer goes up in parts (POST /media/uploads);
// while one part cannot get through (the connection is cut three times, as many as the composer tries), the upload
// fails with a Retry button; Retry sends only the parts the server is missing, and the video lands.
//   await largeUploadSteps({ step, page, frontendUrl, screenshot })   (from apps/frontend/e2e/run.mjs)

/** An MP4 by its first bytes (an `ftyp` box) and then zeros: 21 MB, past the composer's 20 MB for chunked uploads. */
function bigMp4() {
  const bytes = Buffer.alloc(21 * 1024 * 1024);
  bytes.writeUInt32BE(32, 0);
  bytes.write('ftypisom', 4, 'latin1');
  bytes.writeUInt32BE(0x200, 12);
  bytes.write('isomiso2avc1mp41', 16, 'latin1');
  return bytes;
}

export async function largeUploadSteps({ step, page, frontendUrl, screenshot }) {
  await step('a 21 MB video goes up in parts; a cut part fails it, and Retry resumes with the missing parts only', async () => {
    await page.goto(`${frontendUrl}/calendar`);
    await page.locator('[data-ready]').waitFor();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    await page.locator('[data-channel-id][data-platform="x"]').first().click();

    const parts = new Map();
    let cut = true;
    await page.route(/\/media\/uploads\/[0-9a-f-]+\/chunks\/\d+$/, async (route) => {
      const index = Number(route.request().url().split('/').pop());
      parts.set(index, (parts.get(index) ?? 0) + 1);
      if (cut && index === 1) return route.abort('connectionreset');
      return route.continue();
    });
    try {
      await page.locator('[data-composer] input[type=file]').first().setInputFiles({ name: 'long-take.mp4', mimeType: 'video/mp4', buffer: bigMp4() });
      const failed = page.locator('[data-composer] figure[data-status="failed"]');
      await failed.waitFor({ timeout: 30_000 });
      await screenshot('large-upload-failed');
      if (parts.get(0) !== 1 || parts.get(1) !== 3 || parts.has(2)) throw new Error(`parts tried before the failure: ${JSON.stringify([...parts])}`);
      cut = false;
      await failed.getByRole('button', { name: 'Retry' }).click();
      await page.locator('[data-composer] figure[data-status="done"]').first().waitFor({ timeout: 60_000 });
      // Part 0 had arrived: only 1 and 2 went again.
      if (parts.get(0) !== 1 || parts.get(1) !== 4 || parts.get(2) !== 1) throw new Error(`parts sent: ${JSON.stringify([...parts])}`);
    } finally {
      await page.unroute(/\/media\/uploads\/[0-9a-f-]+\/chunks\/\d+$/);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached' });
  });
}
