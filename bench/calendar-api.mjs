#!/usr/bin/env node
// Calendar API bench: one organization with 100,000 posts over 1,000 channels (quick: 10,000 over 100), of which
// ~1,100 fall in one week; p50 and p95 of `GET /posts?startDate&endDate` for that week, with 1 client and with 10
// concurrent clients. Rows are written in bulk by the database itself (INSERT … SELECT generate_series).
//   node bench/calendar-api.mjs [--quick] [--posts=N] [--channels=N]
import { args, freePort, freshDatabase, heraldEnv, log, percentile, query, quick, runMain, signUp, startBackend, startRedisServer } from './lib/stack.mjs';

const POSTS = Number(args.get('posts') ?? (quick ? 10_000 : 100_000));
const CHANNELS = Number(args.get('channels') ?? (quick ? 100 : 1_000));
const WEEK_POSTS = 1_100;
const REQUESTS = quick ? 40 : 200;
const DAY = 86400_000;

async function seed(databaseUrl, organizationId, weekStart) {
  await query(
    databaseUrl,
    `INSERT INTO "Integration" (id, "organizationId", "internalId", name, "providerIdentifier", token, "updatedAt")
     SELECT gen_random_uuid(), $1, 'bench-' || i, 'Bench channel ' || i, (ARRAY['x','instagram','facebook'])[1 + i % 3], 'bench-not-a-token', now()
     FROM generate_series(1, $2) AS i`,
    [organizationId, CHANNELS],
  );
  // The week holds WEEK_POSTS posts at 5-minute slots; the rest spread over two years around it, never inside it.
  await query(
    databaseUrl,
    `WITH ch AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Integration" WHERE "organizationId" = $1),
          p AS (SELECT i,
                       CASE WHEN i < $3 THEN $4::timestamptz + ((i * 7919) % 2016) * interval '5 minutes'
                            WHEN i % 2 = 0 THEN $4::timestamptz - interval '1 minute' - ((i * 104729) % 525600) * interval '1 minute'
                            ELSE $4::timestamptz + interval '7 days' + ((i * 104729) % 525600) * interval '1 minute' END AS at
                FROM generate_series(0::bigint, $2 - 1) AS i)
     INSERT INTO "Post" (id, "organizationId", "integrationId", "group", state, "publishDate", content, settings, "updatedAt")
     SELECT gen_random_uuid(), $1, ch.id, gen_random_uuid()::text,
            (ARRAY['QUEUE','QUEUE','PUBLISHED','DRAFT','ERROR','PUBLISHED']::"PostState"[])[1 + p.i % 6], p.at,
            '<p>Benchmark post ' || p.i || ': fresh bread, new opening hours and a link https://example.com/' || p.i || '</p>',
            '{"who_can_reply_post":"everyone"}', now()
     FROM p JOIN ch ON ch.n = p.i % $5`,
    [organizationId, POSTS, WEEK_POSTS, weekStart.toISOString(), CHANNELS],
  );
  await query(databaseUrl, 'ANALYZE');
}

async function timed(client, path, n) {
  const times = [];
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const res = await client.get(path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
    count = res.json.posts.length;
    times.push(res.ms);
  }
  return { times, count };
}

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_calendar_api');
  const redis = await startRedisServer();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, port, extra: { LOG_LEVEL: 'error' } });
  await startBackend(env);
  const { client, organization } = await signUp(`http://127.0.0.1:${port}`, 'calendar');
  const monday = new Date();
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) + 7);
  const seeded = Date.now();
  await seed(databaseUrl, organization.id, monday);
  log(`seeded ${POSTS} posts over ${CHANNELS} channels in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  const path = `/posts?startDate=${monday.toISOString()}&endDate=${new Date(monday.getTime() + 7 * DAY - 1).toISOString()}`;

  await timed(client, path, 5); // warm-up: connections, plans, JIT
  const one = await timed(client, path, REQUESTS);
  const started = Date.now();
  const ten = await Promise.all(Array.from({ length: 10 }, () => timed(client, path, Math.ceil(REQUESTS / 2))));
  const wall = Date.now() - started;
  const tenTimes = ten.flatMap((r) => r.times);
  const fmt = (v) => v.toFixed(1);
  console.log(`calendar-api: ${POSTS} posts over ${CHANNELS} channels, ${one.count} in the week${quick ? ' (quick)' : ''}`);
  console.log(`calendar-api 1 client p50 ms: ${fmt(percentile(one.times, 50))}`);
  console.log(`calendar-api 1 client p95 ms: ${fmt(percentile(one.times, 95))}`);
  console.log(`calendar-api 10 clients p50 ms: ${fmt(percentile(tenTimes, 50))}`);
  console.log(`calendar-api 10 clients p95 ms: ${fmt(percentile(tenTimes, 95))}`);
  console.log(`calendar-api 10 clients requests/s: ${((tenTimes.length / wall) * 1000).toFixed(1)}`);
  return one.count > 0;
}

runMain(main);
