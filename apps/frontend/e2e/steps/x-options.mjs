// Browser step of the X options (docs/platforms.md, "X: the options of a post"): the composer's X panel sets who can reply, the
// Community, made with AI, paid partnership and an image's alt text; the post is published and the sandbox shows
// what X received, under X's names.

/** `ctx`: {step, page, frontendUrl, adminUrl, image, screenshot, log}. */
export async function xOptionsSteps(ctx) {
  const { step, page, frontendUrl, adminUrl, image, screenshot, log } = ctx;
  const text = `X options from the composer ${Date.now().toString(36)}`;

  await step('compose an X post with who can reply, a Community, made with AI, paid partnership and alt text, and post it now', async () => {
    await page.goto(`${frontendUrl}/calendar`);
    await page.locator('[data-ready]').waitFor();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    const chip = page.locator('[data-channel-id][data-platform="x"]').first();
    const channelId = await chip.getAttribute('data-channel-id');
    await chip.click();
    await page.locator('[data-composer] textarea').first().fill(text);
    await page.locator('[data-composer] input[type=file]').first().setInputFiles(image);
    await page.locator('figure[data-status="done"]').first().waitFor({ timeout: 30_000 });
    await page.getByLabel(/^Alt text for /).first().fill('A loaf of bread on a board');
    await page.locator(`[role=tab][data-tab="${channelId}"]`).click();
    await page.getByLabel('Who can reply').selectOption('following');
    await page.getByLabel('Community (optional)').fill('https://x.com/i/communities/1493446837214187523');
    await page.getByLabel('Made with AI').check();
    await page.getByLabel('Paid partnership').check();
    await page.getByText(/characters a post/).waitFor();
    await screenshot('x-options-filled');
    await page.getByRole('button', { name: 'Post now' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached', timeout: 20_000 });
  });

  await step('X received reply_settings, community_id, made_with_ai, paid_partnership and the alt text', async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await page.request.get(`${adminUrl}/ledger/published?platform=x`);
      const tweet = (await res.json()).published.find((e) => e.text === text);
      if (tweet) {
        const want = { reply_settings: 'following', community_id: '1493446837214187523', made_with_ai: true, paid_partnership: true };
        for (const [key, value] of Object.entries(want)) {
          if (tweet.request?.[key] !== value) throw new Error(`X received ${key}=${JSON.stringify(tweet.request?.[key])}, expected ${JSON.stringify(value)}`);
        }
        if (tweet.media?.[0]?.alt !== 'A loaf of bread on a board') throw new Error(`the image's alt text on X is ${JSON.stringify(tweet.media?.[0]?.alt)}`);
        log(`X received ${JSON.stringify(tweet.request)}`);
        return;
      }
      if (Date.now() > deadline) throw new Error('the tweet never reached the sandbox');
      await page.waitForTimeout(500);
    }
  });

  const pollText = `Which bread tomorrow? ${Date.now().toString(36)}`;
  await step('compose an X poll and post it now; X receives poll.options and poll.duration_minutes', async () => {
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    const chip = page.locator('[data-channel-id][data-platform="x"]').first();
    const channelId = await chip.getAttribute('data-channel-id');
    await chip.click();
    await page.locator('[data-composer] textarea').first().fill(pollText);
    await page.locator(`[role=tab][data-tab="${channelId}"]`).click();
    await page.getByLabel('Poll', { exact: true }).check();
    await page.getByLabel('Choice 1').fill('Rye');
    await page.getByLabel('Choice 2').fill('Spelt');
    await page.getByLabel('Poll length').selectOption('60');
    await screenshot('x-poll-filled');
    await page.getByRole('button', { name: 'Post now' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached', timeout: 20_000 });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await page.request.get(`${adminUrl}/ledger/published?platform=x`);
      const tweet = (await res.json()).published.find((e) => e.text === pollText);
      if (tweet) {
        const poll = JSON.stringify(tweet.request?.poll);
        if (poll !== JSON.stringify({ options: ['Rye', 'Spelt'], duration_minutes: 60 })) throw new Error(`X received poll=${poll}`);
        return;
      }
      if (Date.now() > deadline) throw new Error('the poll never reached the sandbox');
      await page.waitForTimeout(500);
    }
  });
}
