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

await check('a channel goes under a new customer; settings count, rename and delete it', async (page) => {
  await register(page);
  await page.goto(`${base}/channels`);
  const row = page.locator('[data-testid=channel-row]', { hasText: 'Herald Demo' });
  const select = row.getByRole('combobox', { name: 'Customer of Herald Demo' });
  await select.selectOption({ label: 'New customer…' });
  await page.getByRole('dialog', { name: 'New customer' }).getByRole('button', { name: 'Create and assign' }).click();
  await page.getByText('Give the customer a name.').waitFor();
  await page.getByLabel('Customer name').fill('Acme Foods');
  await page.getByRole('button', { name: 'Create and assign' }).click();
  await page.getByText('Herald Demo is now under Acme Foods.').waitFor();
  await page.waitForFunction(() => document.querySelector('select[aria-label="Customer of Herald Demo"]')?.selectedOptions[0]?.textContent === 'Acme Foods');
  await page.locator('[data-testid=channel-row]', { hasText: 'Bakery on Main' }).getByRole('combobox').selectOption({ label: 'Acme Foods' });
  await page.getByText('Bakery on Main is now under Acme Foods.').waitFor();
  await page.goto(`${base}/settings`);
  const item = page.locator('#customers li[data-customer="Acme Foods"]');
  await item.getByText('2 channels').waitFor();
  await page.getByLabel('New customer').fill('acme foods');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await page.getByText('There is already a customer named “acme foods”.').waitFor();
  await item.getByRole('button', { name: 'Rename Acme Foods' }).click();
  await page.getByLabel('New name for Acme Foods').fill('Acme Bakeries');
  await page.locator('#customers li').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Renamed to “Acme Bakeries”.').waitFor();
  await page.getByRole('button', { name: 'Delete Acme Bakeries' }).click();
  await page.locator('dialog[open]').getByText('Its 2 channels stay connected, with no customer.').waitFor();
  await page.getByRole('button', { name: 'Delete customer' }).click();
  await page.locator('#customers').getByText('No customers yet.').waitFor();
  await page.goto(`${base}/channels`);
  await page.waitForFunction(() => document.querySelector('select[aria-label="Customer of Herald Demo"]')?.selectedOptions[0]?.textContent === 'No customer');
});

await check('tags: create with a colour, a taken name shows the server message, edit, delete asks first', async (page) => {
  await register(page);
  await page.goto(`${base}/settings`);
  const tags = page.locator('#tags');
  await tags.getByText('No tags yet.').waitFor();
  await tags.getByLabel('New tag').fill('Launch');
  await tags.getByLabel('Colour').fill('#e11d48');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await tags.locator('li[data-tag="Launch"]').getByText('#e11d48').waitFor();
  await tags.getByLabel('New tag').fill('launch');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await tags.getByText('There is already a tag named “launch”.').waitFor();
  await tags.getByRole('button', { name: 'Edit Launch' }).click();
  await tags.getByLabel('Name of the tag Launch').fill('Big launch');
  await tags.getByLabel('Colour of the tag Launch').fill('#16a34a');
  await tags.getByRole('button', { name: 'Save' }).click();
  await tags.locator('li[data-tag="Big launch"]').getByText('#16a34a').waitFor();
  await tags.getByRole('button', { name: 'Delete Big launch' }).click();
  await page.getByRole('button', { name: 'Delete tag' }).click();
  await tags.getByText('No tags yet.').waitFor();
});

await check('a member sees customers but cannot change them, nor delete tags', async (page) => {
  await register(page, `member-${Date.now()}@example.com`);
  await page.goto(`${base}/channels`);
  await page.locator('[data-testid=channel-row]').first().waitFor();
  assert.equal(await page.getByRole('combobox', { name: /^Customer of / }).count(), 0, 'no customer control');
  await page.goto(`${base}/settings`);
  await page.getByText('Only owners and admins can change customers.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add customer' }).count(), 0);
  await page.locator('#tags').getByLabel('New tag').fill('Weekend');
  await page.locator('#tags').getByRole('button', { name: 'Add tag' }).click();
  await page.locator('#tags li[data-tag="Weekend"]').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Delete Weekend' }).count(), 0, 'members cannot delete tags');
});

await browser.close();
console.log(results.join('\n'));
process.exitCode = results.some((line) => line.startsWith('FAIL')) ? 1 : 0;
