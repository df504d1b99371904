#!/usr/bin/env node
// Calendar API bench: one organization with 100,000 posts over 1,000 channels (quick: 10,000 over 100), of which
// ~1,100 fall in one week; p50 and p95 of `GET /posts?startDate&endDate` for that week, with 1 client and with 10
// concurrent clients. Rows are written in bulk by the database itself (INSERT … SELECT generate_series).
// `--dataset=side-by-side` is the data of issue 21's comparison: one organization, 50 channels, 5,000 posts, 1,100
// in one week and 2,087 in the month around it; it also times that month, and the floor: the same rows built as
// JSON by Postgres alone and read by a Node client (`pg`), in the same run.
// Every figure is given twice: `computed` asks for a range the server has not seen (its end moves by 1 ms each
// request, so no cache answers it), `cached` asks for the same range again; `304` sends the ETag back. "In turns"
// alternates a computed request and the floor's query, so that both see the same load of a shared machine.
//   node bench/calendar-api.mjs [--quick] [--dataset=side-by-side] [--posts=N] [--channels=N] [--profile=DIR]
import { args, freePort, freshDatabase, heraldEnv, log, percentile, pg, query, quick, runMain, signUp, startBackend, startRedisServer } from './lib/stack.mjs';

const SIDE_BY_SIDE = args.get('dataset') === 'side-by-side';
const POSTS = Number(args.get('posts') ?? (SIDE_BY_SIDE ? 5_000 : quick ? 10_000 : 100_000));
const CHANNELS = Number(args.get('channels') ?? (SIDE_BY_SIDE ? 50 : quick ? 100 : 1_000));
const WEEK_POSTS = 1_100;
/** Side by side: posts of the month (the 31 days from 12 days before the week) besides the week's. */
const MONTH_EXTRA = SIDE_BY_SIDE ? 2_087 - WEEK_POSTS : 0;
const REQUESTS = quick ? 40 : 200;
const DAY = 86400_000;
const MONTH_BEFORE_DAYS = 12;

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
                            WHEN i < $3 + $6 AND i % 2 = 0 THEN $4::timestamptz - interval '1 minute' - ((i * 7919) % ${MONTH_BEFORE_DAYS * 1440 - 1}) * interval '1 minute'
                            WHEN i < $3 + $6 THEN $4::timestamptz + interval '7 days' + ((i * 7919) % ${(31 - 7 - MONTH_BEFORE_DAYS) * 1440 - 1}) * interval '1 minute'
                            WHEN i % 2 = 0 THEN $4::timestamptz - interval '${MONTH_EXTRA > 0 ? MONTH_BEFORE_DAYS : 0} days 1 minute' - ((i * 104729) % 525600) * interval '1 minute'
                            ELSE $4::timestamptz + interval '${MONTH_EXTRA > 0 ? 31 - MONTH_BEFORE_DAYS : 7} days' + ((i * 104729) % 525600) * interval '1 minute' END AS at
                FROM generate_series(0::bigint, $2 - 1) AS i)
     INSERT INTO "Post" (id, "organizationId", "integrationId", "group", state, "publishDate", content, settings, "updatedAt")
     SELECT gen_random_uuid(), $1, ch.id, gen_random_uuid()::text,
            (ARRAY['QUEUE','QUEUE','PUBLISHED','DRAFT','ERROR','PUBLISHED']::"PostState"[])[1 + p.i % 6], p.at,
            '<p>Benchmark post ' || p.i || ': fresh bread, new opening hours and a link https://example.com/' || p.i || '</p>',
            '{"who_can_reply_post":"everyone"}', now()
     FROM p JOIN ch ON ch.n = p.i % $5`,
    [organizationId, POSTS, WEEK_POSTS, weekStart.toISOString(), CHANNELS, MONTH_EXTRA],
  );
  await query(databaseUrl, 'ANALYZE');
}

/** `path(i)` for the i-th request; `etag` sends If-None-Match with the first answer's ETag (expects 304 then). */
async function timed(client, path, n, { etag = false } = {}) {
  const times = [];
  let count = 0;
  let tag;
  let notModified = 0;
  if (etag) tag = (await client.get(path(0))).headers.get('etag') ?? '"none"';
  for (let i = 0; i < n; i += 1) {
    const res = await client.get(path(i), etag ? { headers: { 'If-None-Match': tag } } : undefined);
    if (res.status === 304 && etag) notModified += 1;
    else if (res.status !== 200) throw new Error(`GET ${path(i)} answered ${res.status}: ${res.text.slice(0, 200)}`);
    else count = res.json.posts.length;
    times.push(res.ms);
  }
  return { times, count, notModified };
}

/** The floor: Postgres builds the range's rows (the columns the calendar draws) as one JSON text; a pg client reads it. */
const FLOOR_QUERY = `SELECT COALESCE(json_agg(x ORDER BY x."publishDate", x.id), '[]')::text AS j FROM (
      SELECT p.id, p.content, p."publishDate", p."releaseURL", p."releaseId", p.state, p."intervalInDays", p."group", p."creationMethod", p.settings,
             json_build_object('id', i.id, 'providerIdentifier', i."providerIdentifier", 'name', i.name, 'picture', i.picture) AS integration
        FROM "Post" p JOIN "Integration" i ON i.id = p."integrationId"
       WHERE p."organizationId" = $1 AND p."publishDate" >= $2 AND p."publishDate" <= $3 AND p."deletedAt" IS NULL AND p."parentPostId" IS NULL
         AND i."deletedAt" IS NULL) x`;

async function floor(databaseUrl, organizationId, start, end, n) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const times = [];
  try {
    for (let i = 0; i < n + 5; i += 1) {
      const started = performance.now();
      await client.query(FLOOR_QUERY, [organizationId, start, end]);
      if (i >= 5) times.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return times;
}

/**
 * The computed answer and the floor taken in turns (a request, then the floor's query, n times): on a machine
 * shared with other work both then see the same load, which the two figures above, taken one after the other, do not.
 */
async function interleaved(client, fresh, databaseUrl, organizationId, start, end, n) {
  const pgClient = new pg.Client({ connectionString: databaseUrl });
  await pgClient.connect();
  const api = [];
  const floorTimes = [];
  try {
    for (let i = 0; i < n; i += 1) {
      const res = await client.get(fresh());
      if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
      const started = performance.now();
      await pgClient.query(FLOOR_QUERY, [organizationId, start, end]);
      floorTimes.push(performance.now() - started);
      api.push(res.ms);
    }
  } finally {
    await pgClient.end();
  }
  return { api, floorTimes };
}

async function main() {
  const databaseUrl = await freshDatabase('herald_bench_calendar_api');
  const redis = await startRedisServer();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, port, extra: { LOG_LEVEL: 'error' } });
  const profileDir = args.get('profile');
  const backend = await startBackend(env, 'backend', profileDir ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : undefined);
  const { client, organization } = await signUp(`http://127.0.0.1:${port}`, 'calendar');
  const monday = new Date();
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) + 7);
  const seeded = Date.now();
  await seed(databaseUrl, organization.id, monday);
  log(`seeded ${POSTS} posts over ${CHANNELS} channels in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  const fmt = (v) => v.toFixed(1);
  const ranges = [['week', monday, new Date(monday.getTime() + 7 * DAY - 1)]];
  if (SIDE_BY_SIDE) ranges.push(['month', new Date(monday.getTime() - MONTH_BEFORE_DAYS * DAY), new Date(monday.getTime() + (31 - MONTH_BEFORE_DAYS) * DAY - 1)]);
  console.log(`calendar-api: ${POSTS} posts over ${CHANNELS} channels${SIDE_BY_SIDE ? ' (dataset side-by-side)' : ''}${quick ? ' (quick)' : ''}`);
  let ok = true;
  let seq = 0;
  for (const [name, start, end] of ranges) {
    const same = () => `/posts?startDate=${start.toISOString()}&endDate=${end.toISOString()}`;
    // A range no request asked for before: the end moves back by 1 ms each time (the same posts).
    const fresh = () => `/posts?startDate=${start.toISOString()}&endDate=${new Date(end.getTime() - (seq += 1)).toISOString()}`;
    await timed(client, fresh, 5); // warm-up: connections, plans, JIT
    const computed = await timed(client, fresh, REQUESTS);
    const floorTimes = await floor(databaseUrl, organization.id, start, end, REQUESTS);
    const cached = await timed(client, same, REQUESTS);
    const notModified = await timed(client, same, REQUESTS, { etag: true });
    const p50 = percentile(computed.times, 50);
    const floorP50 = percentile(floorTimes, 50);
    console.log(`calendar-api ${name}: ${computed.count} posts`);
    console.log(`calendar-api ${name} floor (Postgres builds the JSON, pg reads it) p50/p95 ms: ${fmt(floorP50)} / ${fmt(percentile(floorTimes, 95))}`);
    console.log(`calendar-api ${name} 1 client computed p50/p95 ms: ${fmt(p50)} / ${fmt(percentile(computed.times, 95))} (${(p50 / floorP50).toFixed(2)}× the floor)`);
    console.log(`calendar-api ${name} 1 client cached p50/p95 ms: ${fmt(percentile(cached.times, 50))} / ${fmt(percentile(cached.times, 95))}`);
    console.log(`calendar-api ${name} 1 client with If-None-Match p50/p95 ms: ${fmt(percentile(notModified.times, 50))} / ${fmt(percentile(notModified.times, 95))} (${notModified.notModified} of ${REQUESTS} answered 304)`);
    const turns = await interleaved(client, fresh, databaseUrl, organization.id, start, end, REQUESTS);
    const [turnsApi, turnsFloor] = [percentile(turns.api, 50), percentile(turns.floorTimes, 50)];
    console.log(`calendar-api ${name} in turns (computed, floor, computed…) p50 ms: computed ${fmt(turnsApi)}, floor ${fmt(turnsFloor)} (${(turnsApi / turnsFloor).toFixed(2)}× the floor)`);
    for (const [label, path] of [['computed', fresh], ['cached', same]]) {
      const started = Date.now();
      const ten = await Promise.all(Array.from({ length: 10 }, () => timed(client, path, Math.ceil(REQUESTS / 2))));
      const wall = Date.now() - started;
      const tenTimes = ten.flatMap((r) => r.times);
      console.log(`calendar-api ${name} 10 clients ${label} p50/p95 ms: ${fmt(percentile(tenTimes, 50))} / ${fmt(percentile(tenTimes, 95))}, requests/s: ${((tenTimes.length / wall) * 1000).toFixed(1)}`);
    }
    ok &&= computed.count > 0;
  }
  if (profileDir) {
    await backend.stop();
    log(`CPU profile of the backend written to ${profileDir}`);
  }
  return ok;
}

runMain(main);
