// Calendar and composer checks in a real browser against scripts/mock-api.mjs, with screenshots in
// artifacts/calendar/ (light, dark, narrow). Usage, with the dashboard built for the mock's URL:
//   node scripts/mock-api.mjs 3900 & NEXT_PUBLIC_BACKEND_URL=http://localhost:3900 pnpm build && pnpm start &
//   node scripts/calendar-checks.mjs [baseUrl]
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4200';
const out = path.join(import.meta.dirname, '..', 'artifacts', 'calendar');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const results = [];

async function check(name, body, options = {}) {
  const context = await browser.newContext({ colorScheme: options.theme ?? 'light', viewport: options.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await body(page);
    assert.deepEqual(errors, [], 'no uncaught page errors');
    results.push(`ok   ${name}`);
  } catch (error) {
    results.push(`FAIL ${name}: ${error.message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(out, `failed-${name.replace(/\W+/g, '-')}.png`) });
  } finally {
    await context.close();
  }
}

async function register(page, posts = 0) {
  await page.goto(`${base}/register`);
  await page.fill('input[name=email]', `posts${posts}-${Date.now()}${Math.random().toString(16).slice(2, 6)}@example.com`);
  await page.fill('input[name=password]', 'correct-horse');
  await page.fill('input[name=company]', 'Acme');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/calendar/);
  await page.locator('[data-ready]').waitFor();
}

const shot = (page, name) => page.screenshot({ path: path.join(out, `${name}.png`) });

async function openComposer(page) {
  await page.getByRole('button', { name: 'New post' }).click();
  await page.locator('[data-composer]').waitFor();
  const chips = page.locator('[data-channel-id]');
  for (let i = 0; i < (await chips.count()); i += 1) await chips.nth(i).click();
}

for (const theme of ['light', 'dark']) {
  await check(`500 posts: week aggregates with +N more, every view renders (${theme})`, async (page) => {
    await register(page, 500);
    assert.ok((await page.locator('[data-more]').count()) > 0, 'some slots show +N more');
    await shot(page, `week-500-${theme}`);
    await page.locator('[data-more]').first().click();
    await page.locator('dialog[open] [data-post-id]').first().waitFor();
    await shot(page, `more-dialog-${theme}`);
    await page.keyboard.press('Escape');
    for (const view of ['Day', 'Month', 'List']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await page.waitForTimeout(300);
      await shot(page, `${view.toLowerCase()}-500-${theme}`);
    }
  }, { theme });
}

await check('the composer blocks an X post over 280 and names the channel', async (page) => {
  await register(page);
  await openComposer(page);
  await page.locator('[data-composer] textarea').first().fill('a'.repeat(290));
  await page.locator('[data-over]').first().waitFor();
  await page.getByRole('button', { name: 'Add to calendar' }).click();
  await page.getByText(/Fix the .*issue/).waitFor();
  await shot(page, 'composer-issues');
});

await check('a 400 with details shows next to the right channel', async (page) => {
  await register(page);
  await openComposer(page);
  await page.locator('[data-composer] textarea').first().fill('This will FAIL on the server');
  await page.locator('[data-channel-id]').nth(1).click(); // only X: Instagram needs an image
  await page.getByRole('button', { name: 'Add to calendar' }).click();
  await page.getByText('The server refused this text (it contains FAIL).').waitFor();
  assert.equal(await page.locator('[data-channel-id] [aria-label="1 issue"]').count(), 1);
  await shot(page, 'composer-server-details');
});

await check('an upload the server refuses shows its message on the thumbnail', async (page) => {
  await register(page);
  await openComposer(page);
  const fake = path.join(tmpdir(), `not-an-image-${Date.now()}.png`);
  writeFileSync(fake, 'plain text pretending to be a PNG');
  await page.locator('[data-composer] input[type=file]').first().setInputFiles(fake);
  await page.locator('figure[data-status="failed"]').getByText(/is not a JPEG, PNG, GIF, WebP or MP4 file/).waitFor();
  await shot(page, 'composer-upload-refused');
});

await check('schedule, then drag to tomorrow and edit', async (page) => {
  await register(page);
  await openComposer(page);
  await page.locator('[data-channel-id]').nth(1).click();
  await page.locator('[data-composer] textarea').first().fill('Thread start');
  await page.getByRole('button', { name: /Add a reply/ }).click();
  await page.locator('[data-composer] textarea').nth(1).fill('And a reply, 5 minutes later');
  await page.getByRole('button', { name: 'Add to calendar' }).click();
  await page.locator('[data-composer]').waitFor({ state: 'detached' });
  const card = page.locator('[data-day][data-hour] [data-post-id]').first();
  await card.waitFor();
  const hour = await card.locator('xpath=ancestor::*[@data-hour][1]').getAttribute('data-hour');
  const day = await card.locator('xpath=ancestor::*[@data-hour][1]').getAttribute('data-day');
  const next = page.locator(`[data-hour="${hour}"][data-day]:not([data-past])`).filter({ hasNot: page.locator('[data-post-id]') }).last();
  await card.dragTo(next);
  await page.getByText(/^Moved to/).first().waitFor();
  const movedDay = await page.locator('[data-day][data-hour] [data-post-id]').first().locator('xpath=ancestor::*[@data-hour][1]').getAttribute('data-day');
  assert.notEqual(movedDay, day, 'the card moved to another day');
  const moved = page.locator('[data-day][data-hour] [data-post-id]').first();
  const hourBefore = Number(await moved.locator('xpath=ancestor::*[@data-hour][1]').getAttribute('data-hour'));
  await moved.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction((h) => Number(document.activeElement?.closest('[data-hour]')?.getAttribute('data-hour')) === h, hourBefore + 1, { timeout: 5000 }).catch(async (error) => {
    throw new Error(`${error.message.split('\n')[0]}; focus: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}, before ${hourBefore}`);
  });
  await page.locator('[data-day][data-hour] [data-post-id]').first().click();
  await page.locator('[data-composer] textarea').nth(1).waitFor();
  assert.equal(await page.locator('[data-composer] textarea').nth(1).inputValue(), 'And a reply, 5 minutes later');
  await shot(page, 'composer-edit-thread');
});

await check('tags from the composer show on cards and the list; the customer filter narrows the week', async (page) => {
  await register(page, 40);
  assert.equal(await page.getByRole('combobox', { name: 'Show the posts of' }).count(), 0, 'no filter without customers');
  await openComposer(page);
  await page.locator('[data-channel-id]').nth(1).click(); // only X: Instagram needs an image
  await page.locator('[data-composer] textarea').first().fill('A tagged post');
  await page.getByRole('button', { name: 'New tag' }).click();
  await page.getByLabel('New tag name').fill('Launch');
  await page.keyboard.press('Enter');
  await page.locator('[data-tag-chip="Launch"][aria-pressed="true"]').waitFor();
  await shot(page, 'composer-tags');
  await page.getByRole('button', { name: 'Add to calendar' }).click();
  await page.locator('[data-composer]').waitFor({ state: 'detached' });
  await page.locator('[data-day][data-hour] [data-post-id] [data-tag="Launch"]').waitFor();
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await page.locator('li[data-tone] [data-tag="Launch"]').waitFor();
  await shot(page, 'list-tags');
  await page.goto(`${base}/channels`);
  await page.getByRole('combobox', { name: 'Customer of Herald Demo' }).selectOption({ label: 'New customer…' });
  await page.getByLabel('Customer name').fill('Acme');
  await page.getByRole('button', { name: 'Create and assign' }).click();
  await page.getByText('Herald Demo is now under Acme.').waitFor();
  await page.goto(`${base}/calendar`);
  await page.locator('[data-ready]').waitFor();
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.locator('[data-day][data-hour] [data-post-id]').first().waitFor();
  const filter = page.getByRole('combobox', { name: 'Show the posts of' });
  const all = await page.locator('[data-day][data-hour] [data-post-id]').count();
  await filter.selectOption({ label: 'Acme' });
  await page.waitForFunction((before) => {
    const cards = [...document.querySelectorAll('[data-day][data-hour] [data-post-id]')];
    return cards.length > 0 && cards.length < before && cards.every((card) => card.getAttribute('aria-label').includes('Herald Demo'));
  }, all);
  await shot(page, 'week-filtered');
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  assert.equal(await filter.inputValue() !== '', true, 'the filter stays across weeks');
});

await check('narrow screen: week scrolls sideways, composer stacks', async (page) => {
  await register(page, 60);
  await shot(page, 'mobile-week');
  await page.getByRole('button', { name: 'New post' }).click();
  await page.locator('[data-composer]').waitFor();
  await shot(page, 'mobile-composer');
}, { viewport: { width: 390, height: 844 } });

await browser.close();
console.log(results.join('\n'));
process.exit(results.some((line) => line.startsWith('FAIL')) ? 1 : 0);
