// Drives the built dashboard in headless Chromium against scripts/mock-api.mjs and saves screenshots of
// every page in both themes under artifacts/. Usage: node scripts/screenshots.mjs [baseUrl] [only-prefix]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4200';
const only = process.argv[3] ?? '';
const out = new URL('../artifacts/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];

async function session(theme, viewport = { width: 1280, height: 820 }) {
  const context = await browser.newContext({ colorScheme: theme, viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`[${theme}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`[${theme}] console: ${message.text()}`);
  });
  return { context, page };
}

const shot = async (page, name) => {
  if (only && !name.startsWith(only)) return;
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${out}${name}.png`, fullPage: true });
};

for (const theme of ['light', 'dark']) {
  const { context, page } = await session(theme);
  const email = `${theme}-${Date.now()}@example.com`;

  await page.goto(`${base}/calendar`);
  await page.waitForURL(/\/login/);
  await shot(page, `01-login-${theme}`);
  await page.fill('input[name=email]', `nobody-${Date.now()}@example.com`);
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Those details did not match');
  await shot(page, `02-login-error-${theme}`);

  await page.goto(`${base}/register`);
  await page.fill('input[name=email]', 'not-an-email');
  await page.fill('input[name=password]', 'short');
  await page.click('button[type=submit]');
  await shot(page, `03-register-invalid-${theme}`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'correct-horse');
  await page.fill('input[name=company]', 'Acme Bakery');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/calendar/);
  await page.waitForSelector('h1');
  await shot(page, `04-calendar-${theme}`);

  await page.goto(`${base}/channels`);
  await page.waitForSelector('[data-testid=channel-row]');
  await shot(page, `05-channels-${theme}`);
  await page.click('text=Add channel');
  await page.waitForSelector('dialog[open] [data-testid=catalogue-item]');
  await shot(page, `06-add-channel-${theme}`);
  await page.keyboard.press('Escape');
  await page.click('[data-testid=channel-row] >> nth=0 >> text=Disable');
  await page.waitForSelector('dialog[open]');
  await shot(page, `07-confirm-disable-${theme}`);
  await page.keyboard.press('Escape');

  await page.goto(`${base}/integrations/social/x?denied=abc`);
  await page.waitForSelector('text=was not connected');
  await shot(page, `08-callback-denied-${theme}`);
  await page.goto(`${base}/integrations/social/x?code=abc&state=expired`);
  await page.waitForSelector('text=was not connected');
  await shot(page, `09-callback-expired-${theme}`);
  await page.goto(`${base}/integrations/social/facebook?code=abc&state=fresh`);
  await page.waitForURL(/\/pages/);
  await page.waitForSelector('[data-testid=page-option]');
  await shot(page, `10-page-picker-${theme}`);

  await page.goto(`${base}/channels`);
  await page.getByRole('combobox', { name: 'Customer of Herald Demo' }).selectOption({ label: 'New customer…' });
  await page.getByLabel('Customer name').fill('Acme Foods');
  await page.getByRole('button', { name: 'Create and assign' }).click();
  await page.waitForSelector('text=Herald Demo is now under Acme Foods.');
  await shot(page, `05b-channels-customer-${theme}`);

  await page.goto(`${base}/settings`);
  await page.waitForSelector('text=Create API key');
  for (const [name, color] of [['Launch', '#e11d48'], ['Weekend special', '#16a34a']]) {
    await page.getByLabel('New tag').fill(name);
    await page.getByLabel('Colour').fill(color);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.waitForSelector(`#tags li[data-tag="${name}"]`);
  }
  await shot(page, `11-settings-${theme}`);
  await page.click('text=Create API key');
  await page.click('dialog[open] >> text=Create key');
  await page.waitForSelector('text=Copy this key now');
  await shot(page, `12-settings-key-${theme}`);
  await context.close();

  const mobile = await session(theme, { width: 390, height: 844 });
  await mobile.page.goto(`${base}/login`);
  await mobile.page.fill('input[name=email]', email);
  await mobile.page.fill('input[name=password]', 'correct-horse');
  await mobile.page.click('button[type=submit]');
  await mobile.page.waitForURL(/\/calendar/);
  await mobile.page.goto(`${base}/channels`);
  await mobile.page.waitForSelector('[data-testid=channel-row]');
  await shot(mobile.page, `13-mobile-channels-${theme}`);
  await mobile.page.click('button[aria-controls=sidebar]');
  await shot(mobile.page, `14-mobile-menu-${theme}`);
  await mobile.context.close();
}

await browser.close();
console.log(problems.length ? problems.join('\n') : 'no page errors');
