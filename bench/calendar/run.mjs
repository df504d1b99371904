#!/usr/bin/env node
// Calendar benchmark: 500 posts in one week, then in Chromium the time from navigation until the week view is
// interactive (the `herald:calendar-ready` mark, set once the posts are rendered, and a click answered), and the
// first-load JS of each route. Prints plain lines of numbers.
//   node bench/calendar/run.mjs [--quick]      (needs Postgres, Redis and the built backend)
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ensureFrontendBuild } from '../../apps/frontend/e2e/lib/build.mjs';
import { ensureDatabase, requireFromDatabase } from '../../apps/frontend/e2e/lib/database.mjs';
import { chromium, CHROMIUM_ARGS, ensureRedisUrl, freePort, processTails, startHerald, startNext, stopAll } from '../../apps/frontend/e2e/lib/stack.mjs';

const quick = process.argv.includes('--quick');
const POSTS = 500;
const RUNS = quick ? 3 : 10;
const ROUTES = ['/login', '/register', '/calendar', '/channels', '/settings', '/integrations/social/x'];
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function register(backendUrl, frontendUrl) {
  const response = await fetch(`${backendUrl}/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: frontendUrl },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'correct-horse-battery', company: 'Bench' }),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${await response.text()}`);
  const body = await response.json();
  const cookie = /auth=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('register set no auth cookie');
  return { organizationId: body.organization.id, cookie };
}

/** Three channels and 500 posts spread over the current week (Monday 00:00 UTC; a new user's zone is UTC). */
async function seed(databaseUrl, organizationId) {
  const { Client } = requireFromDatabase('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const channels = [];
    for (const [identifier, name] of [['x', 'Bench on X'], ['instagram', 'Bench Bakery'], ['facebook', 'Bench Page']]) {
      const id = randomUUID();
      await db.query(
        `INSERT INTO "Integration" (id, "organizationId", "internalId", name, "providerIdentifier", token, "updatedAt") VALUES ($1, $2, $3, $4, $5, 'bench-not-a-token', now())`,
        [id, organizationId, `bench-${id}`, name, identifier],
      );
      channels.push(id);
    }
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const states = ['QUEUE', 'QUEUE', 'DRAFT', 'PUBLISHED', 'ERROR', 'UNCONFIRMED'];
    const rows = Array.from({ length: POSTS }, (_, i) => {
      const at = new Date(monday.getTime() + Math.floor(((i * 7919) % 10080) / 5) * 5 * 60_000);
      return [randomUUID(), organizationId, channels[i % channels.length], randomUUID(), states[i % states.length], at.toISOString(), `<p>Benchmark post ${i + 1}: fresh bread, new hours and a link https://example.com/${i}</p>`];
    });
    for (let start = 0; start < rows.length; start += 100) {
      const chunk = rows.slice(start, start + 100);
      const values = chunk.map((_, j) => `($${j * 7 + 1}, $${j * 7 + 2}, $${j * 7 + 3}, $${j * 7 + 4}, $${j * 7 + 5}::"PostState", $${j * 7 + 6}::timestamptz, $${j * 7 + 7}, now())`).join(', ');
      await db.query(`INSERT INTO "Post" (id, "organizationId", "integrationId", "group", state, "publishDate", content, "updatedAt") VALUES ${values}`, chunk.flat());
    }
  } finally {
    await db.end();
  }
}

async function measure(browser, frontendUrl, session) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'auth', value: session.cookie, url: frontendUrl.replace(/:\d+$/, '') }]);
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${frontendUrl}/calendar`);
  await page.locator('[data-ready]').waitFor({ timeout: 30_000 });
  const { ready, postsLoaded } = await page.evaluate(() => ({
    ready: performance.getEntriesByName('herald:calendar-ready')[0]?.startTime ?? NaN,
    postsLoaded: performance.getEntriesByType('resource').find((entry) => /\/posts\?startDate=/.test(entry.name))?.responseEnd ?? NaN,
  }));
  const count = await page.locator('[data-day][data-hour] [data-post-id]').count();
  // Interactive: the first "+N more" answers with its dialog.
  const clickStart = Date.now();
  await page.locator('[data-more]').first().click();
  await page.locator('dialog[open]').waitFor();
  const click = Date.now() - clickStart;
  const wall = Date.now() - started;
  await context.close();
  return { ready, render: ready - postsLoaded, click, wall, count };
}

async function firstLoadJs(frontendUrl, session) {
  const cache = new Map();
  const lines = [];
  for (const route of ROUTES) {
    const html = await (await fetch(`${frontendUrl}${route}`, { headers: { cookie: `auth=${session.cookie}` } })).text();
    // noModule polyfills are not loaded by the browsers Next supports, so they are not counted.
    const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0]));
    const scripts = [...new Set(tags.map((m) => m[1]))];
    let raw = 0;
    let gzip = 0;
    for (const src of scripts) {
      if (!cache.has(src)) {
        const body = Buffer.from(await (await fetch(new URL(src, frontendUrl))).arrayBuffer());
        cache.set(src, { raw: body.length, gzip: gzipSync(body).length });
      }
      raw += cache.get(src).raw;
      gzip += cache.get(src).gzip;
    }
    lines.push(`first_load_js ${route} scripts=${scripts.length} raw_kb=${(raw / 1024).toFixed(1)} gzip_kb=${(gzip / 1024).toFixed(1)}`);
  }
  return lines;
}

let code = 1;
try {
  const databaseUrl = await ensureDatabase(log, 'herald_bench');
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = await ensureRedisUrl(log);
  const backendPort = await freePort(39170);
  const frontendPort = await freePort(39171);
  const frontendUrl = `http://localhost:${frontendPort}`;
  ensureFrontendBuild(`http://localhost:${backendPort}`, log);
  const herald = await startHerald({ backendPort, frontendUrl, workers: false });
  await startNext({ port: frontendPort });
  const session = await register(herald.backendUrl, frontendUrl);
  await seed(databaseUrl, session.organizationId);
  log(`seeded ${POSTS} posts; measuring ${RUNS} loads`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  await measure(browser, frontendUrl, session); // warm-up: server caches, first compile of the route
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await measure(browser, frontendUrl, session));
  await browser.close();
  console.log(`calendar_posts_in_week ${POSTS}`);
  console.log(`calendar_cards_rendered ${runs[0].count}`);
  console.log(`calendar_ready_ms_median ${median(runs.map((r) => r.ready)).toFixed(0)}`);
  console.log(`calendar_ready_ms_max ${Math.max(...runs.map((r) => r.ready)).toFixed(0)}`);
  console.log(`calendar_render_after_data_ms_median ${median(runs.map((r) => r.render)).toFixed(0)}`);
  console.log(`calendar_click_response_ms_median ${median(runs.map((r) => r.click))}`);
  console.log(`calendar_navigation_to_interactive_ms_median ${median(runs.map((r) => r.ready + r.click)).toFixed(0)}`);
  for (const line of await firstLoadJs(frontendUrl, session)) console.log(line);
  code = 0;
} catch (error) {
  console.log(`bench failed: ${String(error?.message ?? error).split('\n').slice(0, 8).join('\n  ')}`);
  console.log(processTails());
} finally {
  await stopAll();
  process.exit(code);
}
