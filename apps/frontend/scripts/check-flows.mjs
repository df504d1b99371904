// Behaviour checks in a real browser against scripts/mock-api.mjs: the flows a person goes through,
// asserted rather than eyeballed. Usage: node scripts/check-flows.mjs [baseUrl] [mockApiUrl]
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4200';
const api = process.argv[3] ?? 'http://localhost:3900';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const connectCalls = async () => (await (await fetch(`${api}/health`)).json()).stats.connectCalls;
const results = [];
async function check(name, body) {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await body(page, context);
    assert.deepEqual(errors, [], 'no uncaught page errors');
    results.push(`ok   ${name}`);
  } catch (error) {
    results.push(`FAIL ${name}: ${error.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}
async function register(page, email = `u${Date.now()}${Math.random().toString(16).slice(2, 6)}@example.com`) {
  await page.goto(`${base}/register`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'correct-horse');
  await page.fill('input[name=company]', 'Acme');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/calendar/);
  return email;
}

await check('an anonymous visit to a dashboard page lands on /login with next', async (page) => {
  await page.goto(`${base}/settings`);
  await page.waitForURL(/\/login\?next=%2Fsettings/);
});

await check('register then duplicate email shows email_taken', async (page) => {
  const email = await register(page);
  await page.click('text=Log out');
  await page.waitForURL(/\/login/);
  await page.goto(`${base}/register`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'correct-horse');
  await page.fill('input[name=company]', 'Acme');
  await page.click('button[type=submit]');
  await page.getByText('An account with this email already exists.').waitFor();
});

await check('login honours next, and a 429 is shown as throttled', async (page) => {
  const email = await register(page);
  await page.click('text=Log out');
  await page.goto(`${base}/login?next=/settings`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'correct-horse');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/settings/);
  await page.click('text=Log out');
  for (let i = 0; i < 6; i += 1) {
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit]:not([disabled])');
  }
  await page.getByText('Too many attempts').waitFor();
});

await check('the theme choice persists and applies before hydration', async (page) => {
  await page.goto(`${base}/login`);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await page.click('button[aria-label="Switch to dark theme"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await page.route('**/_next/static/**', (route) => route.abort()); // no JS bundle: only the inline script runs
  await page.reload();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
});

await check('the callback posts once and a reconnect clears refresh needed', async (page) => {
  await register(page);
  await page.goto(`${base}/channels`);
  const before = await connectCalls();
  const row = page.locator('[data-testid=channel-row]', { hasText: 'Bakery on Main' });
  await row.getByText('Refresh needed').waitFor();
  await row.getByRole('button', { name: 'Reconnect' }).click();
  await page.waitForURL(/\/channels\?connected=|\/channels$/);
  await page.getByText('Bakery on Main is connected.').waitFor();
  assert.equal(await connectCalls(), before + 1);
  await row.getByText('Active').waitFor();
});

await check('disable asks first, Escape cancels, confirming disables', async (page) => {
  await register(page);
  await page.goto(`${base}/channels`);
  const row = page.locator('[data-testid=channel-row]', { hasText: 'Herald Demo' });
  await row.getByRole('button', { name: 'Disable Herald Demo' }).click();
  await page.locator('dialog[open]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Disable Herald Demo', 'focus returns to the opener');
  await row.getByRole('button', { name: 'Disable Herald Demo' }).click();
  await page.getByRole('button', { name: 'Disable channel' }).click();
  await row.getByText('Disabled').waitFor();
  await row.getByRole('button', { name: 'Enable Herald Demo' }).waitFor();
});

await check('a facebook connection goes through the page picker', async (page) => {
  await register(page);
  await page.goto(`${base}/integrations/social/facebook?code=c1&state=fresh`);
  await page.waitForURL(/\/channels\/[^/]+\/pages/);
  await page.getByText('Herald Community').click();
  await page.getByRole('button', { name: 'Use this Page' }).click();
  await page.waitForURL(/\/channels/);
  await page.getByText('Herald Community is connected.').waitFor();
});

await check('saving a timezone updates the top bar', async (page) => {
  await register(page);
  await page.goto(`${base}/settings`);
  await page.selectOption('select', 'America/New_York');
  await page.click('text=Save timezone');
  await page.locator('header a[href="/settings#timezone"]', { hasText: 'America/New_York' }).waitFor();
});

await check('the organization switcher sends showorg and reloads data', async (page) => {
  await register(page, `multi-${Date.now()}@example.com`);
  await page.goto(`${base}/channels`);
  await page.locator('[data-testid=channel-row]').first().waitFor();
  const sent = page.waitForRequest((request) => request.url().endsWith('/integrations/list') && Boolean(request.headers().showorg));
  await page.selectOption('aside select', { label: 'Second Agency' });
  await sent;
  await page.getByText('No channels yet').waitFor();
  await page.reload();
  await page.getByText('No channels yet').waitFor();
});

await check('creating an API key shows it once', async (page) => {
  await register(page);
  await page.goto(`${base}/settings`);
  await page.click('text=Create API key');
  await page.click('dialog[open] >> text=Create key');
  const key = await page.inputValue('input[readonly]');
  assert.match(key, /^hrld_/);
  await page.click('text=I have stored it');
  await page.getByText('Rotate key').waitFor();
  assert.equal(await page.locator('input[readonly]').count(), 0);
});

await browser.close();
console.log(results.join('\n'));
process.exitCode = results.some((line) => line.startsWith('FAIL')) ? 1 : 0;
