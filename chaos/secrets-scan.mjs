#!/usr/bin/env node
// Secrets scan: a realistic run (connect X, Instagram (Instagram Login), Facebook Page and Instagram via Facebook
// through the real OAuth flows; publish on each with the built workers; refresh every channel; the public API with
// an API key), with every app at LOG_LEVEL=debug. Then the database is dumped (pg_dump), the apps' output and every
// API response are gathered, and each credential the sandbox issued with `sensitive: true` is searched for in
// plain text (and URL-encoded). Redis is dumped too (uncompressed RDB) and reported apart: OAuth states live there
// for five minutes by design. Fails when a token is found in the database, a log or an API response. Email is on
// (a captured SMTP server): an invitation and a password reset are sent, and their links' tokens and the SMTP
// password are searched for too, in Redis as well (the email queue holds the tokens encrypted).
//   node chaos/secrets-scan.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Client,
  connectChannel,
  createApiKey,
  freePort,
  freshDatabase,
  heraldEnv,
  log,
  query,
  runMain,
  signUp,
  sleep,
  startBackend,
  startCron,
  startRedisServer,
  startSandbox,
  startWorkers,
  waitFor,
} from '../bench/lib/stack.mjs';
import { startSmtpCapture } from '../apps/frontend/e2e/lib/smtp.mjs';
import { PNG } from './lib/two-orgs.mjs';

const SETTINGS = { x: { who_can_reply_post: 'everyone' }, 'instagram-standalone': { post_type: 'post' }, instagram: { post_type: 'post' }, facebook: {} };

function dumpDatabase(databaseUrl) {
  const dump = spawnSync('pg_dump', ['--data-only', '--no-owner', databaseUrl], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (dump.status === 0) return { how: 'pg_dump', text: dump.stdout };
  return undefined;
}

async function selectEverything(databaseUrl) {
  const { rows } = await query(databaseUrl, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  const parts = [];
  for (const { tablename } of rows) {
    const table = await query(databaseUrl, `SELECT t::text AS row FROM "${tablename}" t`);
    parts.push(`-- ${tablename}\n${table.rows.map((r) => r.row).join('\n')}`);
  }
  return { how: 'SELECT every table', text: parts.join('\n') };
}

async function redisDump(redis) {
  await redis.command('CONFIG', 'SET', 'rdbcompression', 'no');
  await redis.command('SAVE');
  return readFileSync(path.join(redis.dir, 'dump.rdb')).toString('latin1');
}

async function main() {
  const t0 = Date.now();
  const databaseUrl = await freshDatabase('herald_chaos_secrets');
  const redis = await startRedisServer();
  const { sandbox, agent } = await startSandbox({ timing: { igRefreshMinAgeMs: 0 } });
  const port = await freePort();
  const smtp = await startSmtpCapture();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { LOG_LEVEL: 'debug', WORKER_CONCURRENCY: '4', EMAIL_SMTP_URL: smtp.url } });
  const backend = await startBackend(env);
  const workers = startWorkers(env);
  const cron = startCron(env);
  const responses = [];
  const base = `http://127.0.0.1:${port}`;
  const { client: session, email: sessionEmail } = await signUp(base, 'secrets', responses);

  const channels = {};
  channels.x = await connectChannel(session, agent, 'x', { persona: 'alice' });
  channels['instagram-standalone'] = await connectChannel(session, agent, 'instagram-standalone', { persona: 'alice' });
  channels.facebook = await connectChannel(session, agent, 'facebook', { persona: 'alice' });
  channels.instagram = await connectChannel(session, agent, 'instagram', { persona: 'alice' });
  // Reconnecting refreshes the stored grant through the whole flow again.
  await connectChannel(session, agent, 'x', { persona: 'alice' });

  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'secrets.png');
  const upload = await session.request('POST', '/media/upload', { body: form });
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${upload.text}`);
  const image = [{ id: upload.json.id, path: upload.json.path }];
  const ids = [];
  for (const [provider, channel] of Object.entries(channels)) {
    const value = provider === 'x' ? [{ content: `secrets scan on ${provider}` }, { content: 'and a reply', delay: 0 }] : [{ content: `secrets scan on ${provider}`, image }];
    const res = await session.post('/posts', { type: 'now', date: new Date().toISOString(), shortLink: false, tags: [], posts: [{ integration: { id: channel.id }, value, settings: SETTINGS[provider] }] });
    if (res.status !== 201) throw new Error(`POST /posts for ${provider} answered ${res.status}: ${res.text}`);
    ids.push(res.json[0].postId);
  }
  const apiKey = await createApiKey(session);
  const api = new Client(base, { apiKey, origin: undefined, recorder: responses });
  await api.get('/public/v1/integrations');
  const pub = await api.post('/public/v1/posts', { type: 'now', date: new Date().toISOString(), shortLink: false, tags: [], posts: [{ integration: { id: channels.x.id }, value: [{ content: 'secrets scan via the public API' }], settings: SETTINGS.x }] });
  if (pub.status !== 201) throw new Error(`public POST /posts answered ${pub.status}: ${pub.text}`);
  ids.push(pub.json[0].postId);

  const settled = await waitFor(
    'the posts to be published',
    async () => {
      const { rows } = await query(databaseUrl, `SELECT state, count(*)::int AS n FROM "Post" WHERE "deletedAt" IS NULL GROUP BY state`);
      return rows.every((r) => ['PUBLISHED', 'ERROR'].includes(r.state)) && rows;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  ).catch(() => undefined);
  for (const channel of Object.values(channels)) {
    const res = await session.post(`/integrations/${channel.id}/refresh`, {});
    if (res.status >= 500) throw new Error(`refresh answered ${res.status}: ${res.text}`);
  }
  for (const path of ['/integrations/list', '/posts?startDate=2000-01-01T00:00:00Z&endDate=2100-01-01T00:00:00Z', '/organization/export', '/notifications', '/user/self']) await session.get(path);
  for (const id of ids) await session.get(`/posts/${id}`);
  // Email: an invitation and a password reset, each sent by the workers with a single-use link.
  const invitee = 'invitee@example.test';
  const invited = await session.post('/organization/invitations', { email: invitee, role: 'MEMBER' });
  if (invited.status !== 201) throw new Error(`invitation answered ${invited.status}: ${invited.text}`);
  const forgot = await new Client(base, { recorder: responses }).post('/auth/forgot', { email: sessionEmail });
  if (forgot.status !== 202) throw new Error(`forgot answered ${forgot.status}: ${forgot.text}`);
  const emailSecrets = [
    { kind: 'invitation token', value: (await smtp.linkTo(invitee, `${env.FRONTEND_URL}/invite/`)).link.split('/').pop() },
    { kind: 'password reset token', value: (await smtp.linkTo(sessionEmail, `${env.FRONTEND_URL}/reset/`)).link.split('/').pop() },
    { kind: 'SMTP password', value: new URL(smtp.url).password },
  ];
  await sleep(1_000);

  const db = dumpDatabase(databaseUrl) ?? (await selectEverything(databaseUrl));
  const logs = { backend: backend.output(), workers: workers.output(), cron: cron.output() };
  const apiText = responses.join('\n\n');
  const rdb = await redisDump(redis);
  const tokens = [...sandbox.ledger.tokens.filter((t) => t.sensitive), ...emailSecrets];
  const sources = { [`database (${db.how})`]: db.text, 'backend log': logs.backend, 'workers log': logs.workers, 'cron log': logs.cron, 'API responses': apiText };
  const found = [];
  const inRedis = [];
  for (const token of tokens) {
    const forms = [...new Set([token.value, encodeURIComponent(token.value)])];
    for (const [where, text] of Object.entries(sources)) if (forms.some((f) => text.includes(f))) found.push(`${token.kind} (${token.value.slice(0, 6)}…) in ${where}`);
    if (forms.some((f) => rdb.includes(f))) inRedis.push(token.kind);
  }
  // The email queue keeps its links' tokens encrypted: one in Redis in plain text is a leak.
  for (const secret of emailSecrets) if (rdb.includes(secret.value)) found.push(`${secret.kind} in Redis`);
  await smtp.close();
  const { rows: states } = await query(databaseUrl, `SELECT state, count(*)::int AS n FROM "Post" GROUP BY state ORDER BY state`);
  console.log(`secrets-scan: ${Object.keys(channels).length} channels connected through OAuth (+1 reconnect), ${ids.length} posts (${states.map((r) => `${r.state} ${r.n}`).join(', ')}${settled ? '' : ', not all settled'}), every channel refreshed, public API used`);
  console.log(`secrets-scan searched: ${tokens.length} sensitive tokens issued by the sandbox and the email links (${[...new Set(tokens.map((t) => t.kind))].join(', ')})`);
  console.log(`secrets-scan in: database ${(db.text.length / 1024).toFixed(0)} kB via ${db.how}, logs ${((logs.backend.length + logs.workers.length + logs.cron.length) / 1024).toFixed(0)} kB (LOG_LEVEL=debug), ${responses.length} API responses ${(apiText.length / 1024).toFixed(0)} kB`);
  console.log(`secrets-scan found in plain text: ${found.length}`);
  console.log(`secrets-scan Redis (OAuth states, 5 minutes, by design): ${inRedis.length ? [...new Set(inRedis)].join(', ') : 'none'}`);
  console.log(`secrets-scan run s: ${((Date.now() - t0) / 1000).toFixed(0)}`);
  for (const line of found) log(`FOUND ${line}`);
  return found.length === 0;
}

runMain(main);
