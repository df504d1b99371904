#!/usr/bin/env node
// Herald end to end in a real browser: the sandbox, the backend, the workers and `next start`, driven through
// Chromium from registration to a published post. One line per step; screenshots in artifacts/e2e/.
//   node apps/frontend/e2e/run.mjs [--quick]
// Needs the backend, workers and sandbox built (pnpm -r --filter '!@herald/frontend' build), Postgres and Redis.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureFrontendBuild } from './lib/build.mjs';
import { ensureDatabase } from './lib/database.mjs';
import { CHROMIUM_ARGS, ensureRedisUrl, FRONTEND_DIR, freePort, processTails, startHerald, startNext, startSandbox, stopAll, tempDir } from './lib/stack.mjs';
import { civilInput } from './lib/time.mjs';
import { startSmtpCapture } from './lib/smtp.mjs';
import { teamsSteps } from './steps/teams.mjs';
import { planningSteps } from './steps/planning.mjs';
import { xOptionsSteps } from './steps/x-options.mjs';
import { analyticsSteps } from './steps/analytics.mjs';
import { mediaLibrarySteps } from './steps/media-library.mjs';
import { largeUploadSteps } from './steps/large-upload.mjs';
import { directUploadFrontendEnv, directUploadSteps } from './steps/direct-upload.mjs';

const quick = process.argv.includes('--quick');
const ARTIFACTS = path.join(FRONTEND_DIR, 'artifacts', 'e2e');
const t0 = Date.now();
const log = (message) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const results = [];
let page;
let shot = 0;

async function screenshot(name, target = page) {
  if (!target) return;
  shot += 1;
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  await target.screenshot({ path: file }).catch(() => undefined);
}

/** The same page in the dark theme (the app follows the system's theme until a choice is stored), then back. */
async function darkScreenshot(name) {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300); // buttons fade between the themes' colours
  await screenshot(name);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForTimeout(300);
}

async function step(name, body) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (results.some((r) => r.status === 'FAIL')) {
    results.push({ name, status: 'SKIP' });
    console.log(`SKIP ${name} (an earlier step failed)`);
    return undefined;
  }
  const started = Date.now();
  try {
    const value = await body();
    await screenshot(slug);
    results.push({ name, status: 'PASS' });
    console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return value;
  } catch (error) {
    await screenshot(`${slug}-failed`);
    results.push({ name, status: 'FAIL' });
    console.log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s): ${String(error?.message ?? error).split('\n').slice(0, 6).join('\n     ')}`);
    return undefined;
  }
}

async function makeJpeg(browser, file) {
  const scratch = await browser.newPage();
  const dataUrl = await scratch.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1080;
    canvas.height = 1080;
    const ctx = canvas.getContext('2d');
    const gradient = ctx.createLinearGradient(0, 0, 1080, 1080);
    gradient.addColorStop(0, '#4f46e5');
    gradient.addColorStop(1, '#f59e0b');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, 1080, 1080);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 120px sans-serif';
    ctx.fillText('Herald', 300, 560);
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  await scratch.close();
  writeFileSync(file, Buffer.from(dataUrl.split(',')[1], 'base64'));
}

async function connect(providerLabel) {
  await page.goto(`${frontendUrl}/channels`);
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.locator(`button[aria-label="Connect ${providerLabel}"]`).click();
  await page.waitForURL((url) => url.protocol === 'https:', { timeout: 15_000 });
  await page.locator('#approve').waitFor();
  await screenshot(`consent-${providerLabel.toLowerCase().replace(/[^a-z]+/g, '-')}`);
  await page.locator('#approve').click();
}

let frontendUrl;
let exitCode = 1;
try {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  process.env.DATABASE_URL = await ensureDatabase(log);
  process.env.REDIS_URL = await ensureRedisUrl(log);

  const backendPort = await freePort(39170);
  const frontendPort = await freePort(39171);
  frontendUrl = `http://localhost:${frontendPort}`;
  ensureFrontendBuild(`http://localhost:${backendPort}`, log);
  const sandbox = await startSandbox({ frontendUrl, quick });
  log('sandbox up');
  const smtp = await startSmtpCapture();
  const herald = await startHerald({ sandboxVars: sandbox.vars, backendPort, frontendUrl, extraEnv: { EMAIL_SMTP_URL: smtp.url, EMAIL_FROM: 'Herald <herald@example.com>' } });
  log(`backend up on ${herald.backendUrl}${herald.workers ? ', workers started' : ', NO workers (apps/workers/dist/main.js missing)'}`);
  // The direct-upload step's bucket: the dashboard's Content-Security-Policy lets the browser reach it.
  const s3Port = await freePort(39192);
  await startNext({ port: frontendPort, env: directUploadFrontendEnv(s3Port) });
  log(`dashboard up on ${frontendUrl}`);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // The sandbox's consent pages use the sandbox CA, which this browser profile does not know.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const image = path.join(tempDir('herald-e2e-media-'), 'herald-e2e.jpg');
  await makeJpeg(browser, image);
  let xPostId;
  let targetHour;

  await step('register', async () => {
    await page.goto(`${frontendUrl}/register`);
    await page.fill('input[name=email]', `e2e-${Date.now()}@example.com`);
    await page.fill('input[name=password]', 'correct-horse-battery');
    await page.fill('input[name=company]', 'E2E Bakery');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/calendar/);
    await page.locator('[data-ready]').waitFor();
  });

  await step('connect a sandbox X account (Approve on the consent page)', async () => {
    await connect('X');
    await page.waitForURL(/\/channels(\?|$)/, { timeout: 20_000 });
    await page.getByText(/sandbox_alice|Sandbox Alice/).first().waitFor();
  });

  await step('connect Instagram via Facebook and pick the Page', async () => {
    await connect('Instagram (Facebook Business)');
    await page.waitForURL(/\/channels\/[^/]+\/pages/, { timeout: 20_000 });
    const radio = page.locator('input[type=radio][name=page]').first();
    await radio.waitFor();
    await screenshot('page-picker');
    await radio.check();
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/channels(\?|$)/);
    await page.getByText(/sandbox\.alice/).first().waitFor();
  });

  await step('put the X channel under a new customer from the channels page', async () => {
    await page.goto(`${frontendUrl}/channels`);
    const xRow = page.locator('[data-testid=channel-row]', { hasText: /sandbox_alice/ }).first();
    const select = xRow.getByRole('combobox', { name: /^Customer of / });
    await select.waitFor();
    await select.selectOption({ label: 'New customer…' });
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Customer name').fill('Acme Foods');
    await screenshot('new-customer-dialog');
    await dialog.getByRole('button', { name: 'Create and assign' }).click();
    await page.getByText(/is now under Acme Foods\./).first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=channel-row]')];
      const x = rows.find((row) => /sandbox_alice/.test(row.textContent ?? ''));
      return x?.querySelector('select')?.selectedOptions[0]?.textContent === 'Acme Foods';
    });
    const others = page.locator('[data-testid=channel-row]', { hasText: /sandbox\.alice/ }).getByRole('combobox');
    const otherLabel = await others.first().evaluate((element) => element.selectedOptions[0]?.textContent);
    if (otherLabel !== 'No customer') throw new Error(`the Instagram channel shows the customer ${otherLabel}`);
    await darkScreenshot('channels-with-customer-dark');
  });

  await step('create a tag in settings, and see the customer there', async () => {
    await page.goto(`${frontendUrl}/settings`);
    const tags = page.locator('section#tags');
    await tags.getByLabel('New tag').fill('Launch');
    await tags.getByLabel('Colour').fill('#e11d48');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    const item = tags.locator('li[data-tag="Launch"]');
    await item.waitFor();
    const color = (await item.locator('code').textContent())?.trim();
    if (color !== '#e11d48') throw new Error(`the tag's colour is ${color}`);
    await page.locator('section#customers li[data-customer="Acme Foods"]').getByText('1 channel', { exact: true }).waitFor();
    await page.locator('section#customers').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await darkScreenshot('settings-customers-tags-dark');
  });

  await step('compose a post with an image and tags for both channels and schedule it', async () => {
    // The drag below needs an earlier slot in the visible week. In the week's first hour (Monday 00:xx, the week
    // starts on Monday) there is none, so in that hour, and the minutes before it, the account moves to a zone
    // where it is mid-morning.
    const utc = new Date();
    const minuteOfWeek = ((utc.getUTCDay() + 6) % 7) * 1440 + utc.getUTCHours() * 60 + utc.getUTCMinutes();
    if (minuteOfWeek < 60 || minuteOfWeek >= 7 * 1440 - 5) {
      const moved = await page.request.put(`${herald.backendUrl}/user/self`, { data: { timezone: 'Asia/Tokyo' }, headers: { origin: frontendUrl } });
      if (!moved.ok()) throw new Error(`PUT /user/self answered ${moved.status()}`);
      log('the week starts within the hour in UTC: the account uses Asia/Tokyo');
    }
    await page.goto(`${frontendUrl}/calendar`);
    await page.locator('[data-ready]').waitFor();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    const chips = page.locator('[data-channel-id]');
    const count = await chips.count();
    if (count < 2) throw new Error(`expected 2 channels in the composer, found ${count}`);
    for (let i = 0; i < count; i += 1) await chips.nth(i).click();
    await page.locator('[data-composer] textarea').first().fill('Fresh bread from the Herald e2e bakery, out of the oven now. #herald');
    await page.locator('[data-composer] input[type=file]').first().setInputFiles(image);
    await page.locator('figure[data-status="done"]').first().waitFor({ timeout: 30_000 });
    // Alt text travels with the image; Instagram's own options (collaborators) sit under the channel's settings.
    await page.getByLabel(/^Alt text for /).first().fill('A loaf of bread on a board');
    await page.locator('[role="tab"]', { hasText: 'Instagram' }).first().click();
    await page.getByLabel('Collaborators').fill('sandbox.bob');
    await screenshot('composer-instagram-options');
    await page.locator('[role="tab"][data-tab="shared"]').click();
    // An existing tag (made in settings) and a new one made right here; both end up chosen.
    await page.locator('[data-tag-chip="Launch"]').click();
    await page.locator('[data-tag-chip="Launch"][aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: 'New tag' }).click();
    await page.getByLabel('New tag name').fill('Weekend');
    await page.locator('[data-tag-picker]').getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-tag-chip="Weekend"][aria-pressed="true"]').waitFor();
    const zone = (await page.locator('label[for="composer-date"] .muted').textContent()).replace(/[()]/g, '').trim();
    // A minute ahead (quick: 25 s, to the second); the drag below moves the X post into the past, so it publishes
    // at once, and the Instagram post publishes at this time.
    const at = quick ? new Date(Date.now() + 25_000) : new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    await page.fill('#composer-date', civilInput(at, zone, { seconds: quick }));
    await screenshot('composer-filled');
    await page.getByRole('button', { name: 'Add to calendar' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached', timeout: 20_000 });
    return at;
  });

  await step('see it in the week view', async () => {
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const cards = page.locator('[data-day][data-hour] [data-post-id]');
    await cards.nth(1).waitFor();
    const xCard = page.locator('[data-day][data-hour] [data-post-id][aria-label*="(X)"]').first();
    xPostId = await xCard.getAttribute('data-post-id');
    await xCard.scrollIntoViewIfNeeded();
    for (const tag of ['Launch', 'Weekend']) {
      if ((await xCard.locator(`[data-tag="${tag}"]`).count()) !== 1) throw new Error(`the card does not show the tag ${tag}`);
    }
    const label = await xCard.getAttribute('aria-label');
    if (!/tagged (Launch, Weekend|Weekend, Launch)/.test(label ?? '')) throw new Error(`the card's label does not name its tags: ${label}`);
  });

  await step('drag it to another slot', async () => {
    const card = page.locator(`[data-post-id="${xPostId}"]`);
    const slot = card.locator('xpath=ancestor::*[@data-hour][1]');
    const day = await slot.getAttribute('data-day');
    const hour = Number(await slot.getAttribute('data-hour'));
    // An earlier slot is in the past: the move asks first, then the post publishes at once.
    let target = hour > 0 ? page.locator(`[data-day="${day}"][data-hour="${hour - 1}"]`) : page.locator('[data-hour][data-past]').last();
    if ((await target.count()) === 0) target = page.locator(`[data-day="${day}"][data-hour="${Math.min(23, hour + 1)}"]`);
    targetHour = Number(await target.getAttribute('data-hour'));
    await card.dragTo(target);
    const confirm = page.getByRole('button', { name: /^Move/ });
    await confirm.waitFor({ timeout: 5000 });
    await screenshot('move-confirm');
    await confirm.click();
    await page.getByText(/^Moved to/).first().waitFor();
    const movedTo = await page.locator(`[data-post-id="${xPostId}"]`).locator('xpath=ancestor::*[@data-hour][1]').getAttribute('data-hour');
    if (Number(movedTo) !== targetHour) throw new Error(`the card is in hour ${movedTo}, expected ${targetHour}`);
  });

  await step('see the published state and the link appear', async () => {
    const publishTimeout = quick ? 60_000 : 110_000;
    await page.locator(`[data-post-id="${xPostId}"][data-state="PUBLISHED"]`).waitFor({ timeout: publishTimeout });
    await page.locator('[data-day][data-hour] [data-post-id][aria-label*="Instagram"][data-state="PUBLISHED"]').first().waitFor({ timeout: publishTimeout });
    await page.locator(`[data-post-id="${xPostId}"]`).click();
    const link = page.locator('[data-composer] [data-release-link]').first();
    await link.waitFor();
    const href = await link.getAttribute('href');
    if (!/^https?:\/\//.test(href ?? '')) throw new Error(`the release link is ${href}`);
    log(`X release link: ${href}`);
    await screenshot('published-in-composer');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.locator('[data-release-link]').nth(1).waitFor();
  });

  await step('the list names the tags, and the edited post starts from them', async () => {
    // The published step ends on the list view.
    await page.locator('li[data-tone] [data-tag="Launch"]').nth(1).waitFor();
    if ((await page.locator('li[data-tone] [data-tag="Weekend"]').count()) !== 2) throw new Error('the list does not show Weekend on both posts');
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.locator(`[data-post-id="${xPostId}"] [data-tag="Launch"]`).waitFor();
    await page.locator(`[data-post-id="${xPostId}"]`).scrollIntoViewIfNeeded();
    await screenshot('day-view-tags');
    await page.locator(`[data-post-id="${xPostId}"]`).click();
    await page.locator('[data-composer] [data-tag-chip="Launch"][aria-pressed="true"]').waitFor();
    await page.locator('[data-composer] [data-tag-chip="Weekend"][aria-pressed="true"]').waitFor();
    await screenshot('composer-edit-tags');
    await page.keyboard.press('Escape');
    await page.locator('[data-composer]').waitFor({ state: 'detached' });
  });

  await step('filter the calendar by customer, across weeks and views', async () => {
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const cards = page.locator('[data-day][data-hour] [data-post-id]');
    await cards.nth(1).waitFor();
    const filter = page.getByRole('combobox', { name: 'Show the posts of' });
    const filtered = page.waitForResponse((response) => /\/posts\?.*customer=/.test(response.url()) && response.ok());
    await filter.selectOption({ label: 'Acme Foods' });
    await filtered;
    await page.waitForFunction(() => document.querySelectorAll('[data-day][data-hour] [data-post-id]').length === 1);
    const only = await cards.first().getAttribute('data-post-id');
    if (only !== xPostId) throw new Error(`the filtered week shows ${only}, not the X post ${xPostId}`);
    await cards.first().scrollIntoViewIfNeeded();
    await screenshot('week-filtered-by-customer');
    await darkScreenshot('week-filtered-by-customer-dark');
    // The choice stays while moving between weeks and views: the next week is asked for with the filter, and back
    // on this week (and in the month view) only the X post shows.
    const nextWeek = page.waitForRequest((request) => /\/posts\?/.test(request.url()));
    await page.getByRole('button', { name: 'Next week' }).click();
    const asked = (await nextWeek).url();
    if (!asked.includes('customer=')) throw new Error(`the next week was asked for without the filter: ${asked}`);
    await page.waitForFunction(() => document.querySelector('[data-ready]') && document.querySelectorAll('[data-day][data-hour] [data-post-id]').length === 0);
    await page.getByRole('button', { name: 'Previous week' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-day][data-hour] [data-post-id]').length === 1);
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-day]:not([data-hour]) [data-post-id]').length === 1);
    const chosen = await filter.evaluate((element) => element.selectedOptions[0]?.textContent);
    if (chosen !== 'Acme Foods') throw new Error(`the filter shows ${chosen} in the month view`);
    await filter.selectOption({ label: 'All customers' });
    await page.waitForFunction(() => document.querySelectorAll('[data-day]:not([data-hour]) [data-post-id]').length === 2);
    await page.getByRole('button', { name: 'Week', exact: true }).click();
  });

  await teamsSteps({ step, page, browser, frontendUrl, smtp, screenshot });
  const artifactPath = (name) => path.join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await planningSteps({ step, page, browser, frontendUrl, backendUrl: herald.backendUrl, screenshot, darkScreenshot, quick, log, artifactPath });
  // After the planning steps: these publish at once, and more posts in the current hour would hide theirs under "+N more".
  await xOptionsSteps({ step, page, frontendUrl, adminUrl: sandbox.adminUrl, image, screenshot, log });
  await analyticsSteps({ step, page, frontendUrl, screenshot, darkScreenshot, postId: xPostId });
  await mediaLibrarySteps({ step, page, frontendUrl, image, screenshot, darkScreenshot });
  await largeUploadSteps({ step, page, frontendUrl, screenshot, log });
  await directUploadSteps({ step, page, frontendUrl, screenshot, herald, log, s3Port });

  if (!quick) {
    await step('the notifications bell opens', async () => {
      await page.getByRole('button', { name: /^Notifications/ }).click();
      const panel = page.getByRole('region', { name: 'Notifications' });
      await panel.waitFor();
      await page.waitForTimeout(500);
      const count = await panel.locator('li').count();
      // Which events notify is the workers' business; a publish notifying nobody is reported, not failed.
      log(`notifications listed: ${count}${count === 0 ? ' (nothing notified the publish)' : ''}`);
    });
  }

  if (pageErrors.length > 0) console.log(`note: uncaught page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
  await browser.close();
  await smtp.close();
  exitCode = results.every((r) => r.status === 'PASS') ? 0 : 1;
} catch (error) {
  console.log(`FAIL setup: ${String(error?.message ?? error).split('\n').slice(0, 12).join('\n     ')}`);
  exitCode = 1;
} finally {
  if (exitCode !== 0) console.log(`last output of the processes:\n${processTails()}`);
  await stopAll();
  const passed = results.filter((r) => r.status === 'PASS').length;
  console.log(`e2e ${exitCode === 0 ? 'passed' : 'FAILED'}: ${passed}/${results.length} steps in ${((Date.now() - t0) / 1000).toFixed(0)} s; screenshots in ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}`);
  process.exit(exitCode);
}
