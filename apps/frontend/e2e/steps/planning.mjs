// Browser steps of the planning workflow (docs/planning.md): posting times and Add to queue, a recurring post and its
// next occurrence, Duplicate, the CSV import (a bad row, then fixed), and a client preview link with a comment.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../lib/stack.mjs';
import { civilInput } from '../lib/time.mjs';

/** Runs the steps; `ctx`: {step, page, browser, frontendUrl, backendUrl, screenshot, darkScreenshot, quick, log}. */
export async function planningSteps(ctx) {
  const { step, browser, frontendUrl, backendUrl, screenshot, darkScreenshot, quick, log } = ctx;
  const page = ctx.page;
  const api = async (pathname) => {
    const res = await page.request.get(`${backendUrl}${pathname}`);
    if (!res.ok()) throw new Error(`${pathname} answered ${res.status()}`);
    return res.json();
  };
  const postsAround = async () => {
    const from = new Date(Date.now() - 2 * 86400_000).toISOString();
    const to = new Date(Date.now() + 20 * 86400_000).toISOString();
    return (await api(`/posts?startDate=${encodeURIComponent(from)}&endDate=${encodeURIComponent(to)}`)).posts;
  };
  const openComposer = async () => {
    await page.goto(`${frontendUrl}/calendar`);
    await page.locator('[data-ready]').waitFor();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    await page.locator('[data-channel-id][data-platform="x"]').first().click();
  };
  const stamp = Date.now().toString(36);
  let xChannel;
  let recurringText;
  let nextOccurrence;

  await step('set posting times on the X channel and add a post to the queue', async () => {
    xChannel = (await api('/integrations/list')).integrations.find((c) => c.identifier === 'x');
    await page.goto(`${frontendUrl}/channels`);
    // The sandbox names the X account and the Instagram one alike: the row is found by the X handle.
    await page.locator('[data-testid=channel-row]', { hasText: /sandbox_alice/ }).getByRole('button', { name: /^Posting times of / }).click();
    const dialog = page.getByRole('dialog', { name: `Posting times of ${xChannel.name}` });
    await dialog.locator('[data-slots-dialog]').waitFor();
    for (const time of ['02:00', '06:40', '11:40']) await dialog.getByRole('button', { name: `Remove ${time}` }).click();
    for (const time of ['09:00', '17:30']) {
      await dialog.getByLabel('New posting time').fill(time);
      await dialog.getByRole('button', { name: 'Add time' }).click();
    }
    await screenshot('planning-posting-times');
    await dialog.getByRole('button', { name: 'Save times' }).click();
    await page.getByText(/Posting times of .* saved\./).first().waitFor();
    const slots = await api(`/integrations/${xChannel.id}/slots`);
    if (slots.slots.join() !== '09:00,17:30') throw new Error(`the channel's times are ${slots.slots}`);

    await openComposer();
    await page.locator('[data-composer] textarea').first().fill(`Queued by Herald's e2e ${stamp}`);
    await page.getByRole('button', { name: 'Add to queue' }).click();
    await page.getByText(/^Added to the queue for /).first().waitFor();
    const queued = (await postsAround()).find((p) => p.content.includes(`Queued by Herald's e2e ${stamp}`));
    if (!queued) throw new Error('the queued post is not in the calendar');
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: slots.timezone, hour: '2-digit', minute: '2-digit' }).format(new Date(queued.publishDate));
    if (!['09:00', '17:30'].includes(local)) throw new Error(`the queued post is at ${local} in ${slots.timezone}`);
    log(`queued at ${queued.publishDate} (${local} ${slots.timezone})`);
  });

  await step('make a recurring post and see its next occurrence once it publishes', async () => {
    await openComposer();
    recurringText = `Weekly tip from the bakery ${stamp}`;
    await page.locator('[data-composer] textarea').first().fill(recurringText);
    await page.getByLabel('Repeat every', { exact: true }).selectOption({ label: 'Every week' });
    const zone = (await page.locator('label[for="composer-date"] .muted').textContent()).replace(/[()]/g, '').trim();
    const at = new Date(Date.now() + (quick ? 20_000 : 45_000));
    await page.fill('#composer-date', civilInput(at, zone, { seconds: true }));
    await screenshot('planning-recurring-composer');
    await page.getByRole('button', { name: 'Add to calendar' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const card = page.locator('[data-day][data-hour] [data-post-id][data-recurring="7"]', { hasText: recurringText }).first();
    await card.waitFor();
    await card.locator('[data-repeat-mark]').waitFor();
    await page.locator('[data-day][data-hour] [data-post-id][data-recurring="7"][data-state="PUBLISHED"]', { hasText: recurringText }).first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Next week' }).click();
    const next = page.locator('[data-day][data-hour] [data-post-id][data-recurring="7"][data-state="QUEUE"]', { hasText: recurringText });
    await next.first().waitFor({ timeout: 30_000 });
    if ((await next.count()) !== 1) throw new Error(`${await next.count()} next occurrences`);
    nextOccurrence = await next.first().getAttribute('data-post-id');
    await next.first().scrollIntoViewIfNeeded();
    await screenshot('planning-next-occurrence');
    await darkScreenshot('planning-next-occurrence-dark');
  });

  await step('duplicate the next occurrence from the calendar menu', async () => {
    const card = page.locator(`[data-post-id="${nextOccurrence}"]`);
    await card.click({ button: 'right' });
    await page.getByRole('menu', { name: 'Post' }).waitFor();
    await screenshot('planning-card-menu');
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await page.getByText(/^Duplicated as a draft/).first().waitFor();
    await page.locator('[data-day][data-hour] [data-post-id][data-state="DRAFT"]', { hasText: recurringText }).first().waitFor();
  });

  await step('import a CSV: a bad row is shown and nothing is created; fixed, it imports', async () => {
    const dir = tempDir('herald-e2e-csv-');
    const when = new Date(Date.now() + 3 * 86400_000);
    const date = `${when.toISOString().slice(0, 10)} 10:15`;
    // Channels by id: the sandbox's X and Instagram accounts share a name, and a shared name must be given as an id.
    const lines = (channel) => ['date,channels,content,type', `${date},${xChannel.id},Imported post one ${stamp},schedule`, `${date},${channel},Imported post two ${stamp},draft`].join('\n');
    const bad = path.join(dir, 'posts-bad.csv');
    const good = path.join(dir, 'posts.csv');
    writeFileSync(bad, lines('No Such Channel'));
    writeFileSync(good, lines(xChannel.id));
    await page.goto(`${frontendUrl}/settings`);
    await page.getByRole('link', { name: 'Import from CSV' }).click();
    await page.waitForURL(/\/settings\/import/);
    await page.locator('[data-import-file]').setInputFiles(bad);
    await page.locator('[data-import-preview] tr[data-ok="false"]').waitFor();
    const failing = await page.locator('[data-import-preview] tr[data-ok="false"]').count();
    if (failing !== 1) throw new Error(`${failing} rows marked bad`);
    await page.getByText('no channel is named “No Such Channel”').waitFor();
    if (!(await page.getByRole('button', { name: /^Import 2 rows/ }).isDisabled())) throw new Error('the import button is enabled with a bad row');
    await screenshot('planning-import-bad-row');
    await darkScreenshot('planning-import-bad-row-dark');
    if ((await postsAround()).some((p) => p.content.includes(stamp) && p.content.includes('Imported'))) throw new Error('the dry run created posts');
    await page.locator('[data-import-file]').setInputFiles(good);
    await page.getByText('All 2 rows are ready').waitFor();
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('2 posts created from 2 rows.').waitFor();
    await screenshot('planning-import-done');
    const imported = (await postsAround()).filter((p) => p.content.includes(`post one ${stamp}`) || p.content.includes(`post two ${stamp}`));
    if (imported.map((p) => p.state).sort().join() !== 'DRAFT,QUEUE') throw new Error(`imported: ${imported.map((p) => p.state)}`);
  });

  await step('share a preview link, and comment on it as the client in a fresh browser', async () => {
    await page.goto(`${frontendUrl}/calendar?post=${nextOccurrence}`);
    await page.locator('[data-preview-share]').waitFor();
    await page.getByRole('button', { name: 'Create preview link' }).click();
    const url = page.locator('[data-preview-url]');
    await url.waitFor();
    const link = await url.inputValue();
    if (!link.startsWith(`${frontendUrl}/p/`)) throw new Error(`the preview link is ${link}`);
    await screenshot('planning-preview-share');
    const client = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
    const visitor = await client.newPage();
    try {
      await visitor.goto(link);
      await visitor.locator('[data-client-preview] [data-preview="x"]').waitFor();
      await visitor.getByText(recurringText).first().waitFor();
      await visitor.getByLabel('Your name', { exact: true }).fill('Clara from Acme');
      await visitor.getByLabel('Comment', { exact: true }).fill('Lovely. Could we mention the sourdough?');
      await visitor.getByRole('button', { name: 'Send comment' }).click();
      await visitor.getByText('your comment was sent to the team').waitFor();
      await visitor.locator('[data-comment]', { hasText: 'mention the sourdough' }).waitFor();
      await visitor.screenshot({ path: ctx.artifactPath('planning-client-preview') });
      await visitor.emulateMedia({ colorScheme: 'dark' });
      await visitor.waitForTimeout(300);
      await visitor.screenshot({ path: ctx.artifactPath('planning-client-preview-dark') });
    } finally {
      await client.close();
    }
    // Back in the dashboard: the comment is on the post, and the bell tells of it.
    await page.goto(`${frontendUrl}/calendar?post=${nextOccurrence}`);
    await page.locator('[data-preview-share] [data-comment]', { hasText: 'mention the sourdough' }).waitFor();
    await screenshot('planning-comment-in-composer');
    await page.keyboard.press('Escape');
  });
}
