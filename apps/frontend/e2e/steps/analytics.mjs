// Browser steps of analytics: the Analytics page draws a chart per metric of a channel (read live from the sandbox on
// first open), switches periods, and a published post shows its figures in the calendar's preview.
//   await analyticsSteps({ step, page, frontendUrl, screenshot, darkScreenshot, postId })   (from apps/frontend/e2e/run.mjs)

export async function analyticsSteps({ step, page, frontendUrl, screenshot, darkScreenshot, postId }) {
  await step('open the Analytics page and see a chart per metric', async () => {
    await page.goto(`${frontendUrl}/analytics`);
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    // uPlot draws into a canvas inside the chart's box.
    await page.locator('[data-chart] canvas').first().waitFor({ timeout: 30_000 });
    const charts = await page.locator('[data-chart]').count();
    if (charts < 2) throw new Error(`only ${charts} chart(s) on the page`);
    const followers = page.getByRole('region', { name: 'Followers' });
    await followers.waitFor();
    const figure = await followers.locator('header strong').textContent();
    if (!/\d/.test(figure ?? '')) throw new Error(`the followers figure reads ${figure}`);
    await page.getByRole('region', { name: 'Top posts' }).waitFor();
    await screenshot('analytics-page');
    await darkScreenshot('analytics-page-dark');
  });

  await step('switch the period and the channel', async () => {
    const asked = page.waitForResponse((response) => /\/analytics\/channels\/[^?]+\?days=7$/.test(response.url()) && response.ok());
    await page.getByRole('button', { name: '7 days' }).click();
    await asked;
    await page.locator('button[aria-pressed="true"]', { hasText: '7 days' }).waitFor();
    await page.locator('[data-chart] canvas').first().waitFor();
    const picker = page.getByRole('combobox', { name: 'Channel' });
    const options = await picker.locator('option').count();
    if (options > 1) {
      const second = await picker.locator('option').nth(1).getAttribute('value');
      await picker.selectOption(second ?? '');
      await page.locator('[data-chart] canvas').first().waitFor({ timeout: 30_000 });
    }
  });

  if (postId) {
    await step("a published post shows the platform's figures in the calendar preview", async () => {
      await page.goto(`${frontendUrl}/calendar?post=${encodeURIComponent(postId)}`);
      // The group went out on X and Instagram: each published channel shows its own figures.
      const figures = page.locator('[data-composer] [data-post-figures="shown"]');
      await figures.first().waitFor({ timeout: 30_000 });
      const text = (await figures.allTextContents()).join(' | ');
      if (!/Impressions/.test(text)) throw new Error(`the figures read ${text}`);
      await screenshot('post-figures');
      await page.keyboard.press('Escape');
    });
  }
}
