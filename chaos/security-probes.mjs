#!/usr/bin/env node
// Security probes against a real backend (and workers) on a fresh database, each printing its figure:
//   1. REGISTRATION=closed: the first account of the empty instance signs up (and owns it); the next gets 403
//      registration_closed.
//   2. 30 parallel wrong passwords for one account: at most 5 are checked (401), the rest 429.
//   3. `?next=` tricks (tab, encoded tab, CR/LF, //, /\, javascript:) all land on the dashboard (safeNextPath).
//   4. Content posted through the public API (/public/v1/posts) is stored with no `on…=` handler and no `javascript:`.
//   5. /metrics: 200 from loopback, refused from this machine's non-loopback address and for a forwarded client.
//   6. A post whose media path is http://127.0.0.1:<port>/a.png gets 400 media_not_uploaded, and that loopback
//      listener is never fetched (not when the post is created, not by the workers afterwards).
// Exits 1 when a probe fails.
//   node chaos/security-probes.mjs [--quick]
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import {
  Client,
  connectChannel,
  createApiKey,
  FRONTEND,
  freePort,
  freshDatabase,
  heraldEnv,
  log,
  query,
  runMain,
  sleep,
  startBackend,
  startRedisServer,
  startSandbox,
  startWorkers,
} from '../bench/lib/stack.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { safeNextPath } = createRequire(import.meta.url)(path.join(ROOT, 'libraries/shared/dist/index.js'));

const results = [];
function record(name, ok, figure) {
  const status = ok ? 'PASS' : 'FAIL';
  results.push({ name, status });
  console.log(`${status.padEnd(7)} ${name}: ${figure}`);
}

async function probe(name, body) {
  try {
    await body();
  } catch (error) {
    record(name, false, `error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

async function main() {
  const t0 = Date.now();
  const databaseUrl = await freshDatabase('herald_chaos_security');
  const redis = await startRedisServer();
  const { sandbox, agent } = await startSandbox();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { REGISTRATION: 'closed', WORKER_CONCURRENCY: '2', UPLOAD_FROM_URL_ALLOW_PRIVATE: 'false' } });
  await startBackend(env);
  startWorkers(env);
  const base = `http://127.0.0.1:${port}`;
  const anonymous = new Client(base);
  const password = 'correct horse battery';
  const ownerEmail = `owner-${Date.now()}@example.test`;
  let owner;

  await probe('registration', async () => {
    const first = await anonymous.post('/auth/register', { email: ownerEmail, password, company: 'First Inc' });
    const second = await anonymous.post('/auth/register', { email: `second-${Date.now()}@example.test`, password, company: 'Second Inc' });
    const open = await anonymous.get('/auth/registration');
    const cookie = /auth=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
    if (cookie) owner = new Client(base, { cookie });
    const { rows } = await query(databaseUrl, `SELECT role FROM "UserOrganization"`);
    record(
      'registration',
      first.status === 201 && second.status === 403 && second.json?.code === 'registration_closed' && open.json?.open === false && rows.length === 1 && rows[0].role === 'OWNER',
      `first sign-up ${first.status} (role ${rows[0]?.role}), second ${second.status} ${second.json?.code}, GET /auth/registration ${JSON.stringify(open.json)}`,
    );
  });
  if (!owner) throw new Error('the first account could not sign up; the other probes need it');

  await probe('login throttle', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => anonymous.post('/auth/login', { email: ownerEmail, password: 'wrong password' })));
    const checked = answers.filter((a) => a.status === 401).length;
    const refused = answers.filter((a) => a.status === 429).length;
    record('login throttle', checked <= 5 && checked + refused === 30, `30 parallel wrong passwords: ${checked} checked (401), ${refused} refused (429); limit 5`);
  });

  await probe('next', async () => {
    const tricks = ['/%09/evil.example', '/\t/evil', '//evil', '/\\evil', '/\r\n/evil.example', 'javascript:alert(1)', 'https://evil.example/', '/%2F%2Fevil.example', '/%5Cevil.example'];
    const landed = tricks.map((next) => ({ next, to: safeNextPath(next, { origin: FRONTEND }) }));
    const off = landed.filter(({ to }) => new URL(to, FRONTEND).origin !== FRONTEND || to.startsWith('//') || to.includes('\\'));
    record('next', off.length === 0, `${tricks.length} ?next= tricks, ${tricks.length - off.length} land on the dashboard${off.length ? `; off site: ${off.map((o) => JSON.stringify(o.next)).join(', ')}` : ''}`);
  });

  let api;
  let channelId;
  await probe('stored content', async () => {
    const channel = await connectChannel(owner, agent, 'x', { persona: 'alice' });
    channelId = channel.id;
    api = new Client(base, { apiKey: await createApiKey(owner), origin: undefined });
    const content = [
      '<p onclick="alert(1)" onmouseover=alert(2)>hello</p>',
      '<a href="javascript:alert(3)">a</a><a href=" JaVaScRiPt:alert(4)">b</a>',
      '<img src=x onerror=alert(5)><svg onload=alert(6)>',
      '<xmp><img src=x onerror=alert(7)></xmp><noembed><a href="javascript:alert(8)">c</a></noembed>',
      '<listing><p title="</listing><img src=x onerror=alert(9)>"></listing>',
    ].join('');
    const res = await api.post('/public/v1/posts', { type: 'draft', date: new Date(Date.now() + 86_400_000).toISOString(), shortLink: false, tags: [], posts: [{ integration: { id: channelId }, value: [{ content }], settings: { who_can_reply_post: 'everyone' } }] });
    if (res.status !== 201) throw new Error(`POST /public/v1/posts answered ${res.status}: ${res.text.slice(0, 200)}`);
    const { rows } = await query(databaseUrl, `SELECT content FROM "Post" WHERE id = $1`, [res.json[0].postId]);
    const stored = rows[0]?.content ?? '';
    const handlers = stored.match(/\bon[a-z]+\s*=/gi) ?? [];
    const schemes = stored.match(/javascript\s*:/gi) ?? [];
    record('stored content', handlers.length === 0 && schemes.length === 0, `stored ${JSON.stringify(stored)}: ${handlers.length} on…= handlers, ${schemes.length} javascript: URLs`);
  });

  await probe('metrics', async () => {
    const local = await fetch(`${base}/metrics`);
    const forwarded = await fetch(`${base}/metrics`, { headers: { 'X-Forwarded-For': '198.51.100.7' } });
    const outside = outsideAddress ? await fetch(`http://${outsideAddress}:${port}/metrics`, { headers: { 'X-Forwarded-For': '127.0.0.1' } }) : null;
    const refused = (r) => r === null || r.status === 403 || r.status === 404 || r.status === 401;
    record(
      'metrics',
      local.status === 200 && refused(forwarded) && refused(outside),
      `loopback ${local.status}; forwarded client ${forwarded.status}; ${outside ? `from ${outsideAddress} (claiming X-Forwarded-For 127.0.0.1) ${outside.status}` : 'no non-loopback interface to try'}`,
    );
  });

  await probe('media', async () => {
    const hits = [];
    const listener = createServer((req, res) => {
      hits.push(req.url);
      res.setHeader('Content-Type', 'image/png');
      res.end(Buffer.from('89504e470d0a1a0a', 'hex'));
    });
    await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const mediaUrl = `http://127.0.0.1:${listener.address().port}/a.png`;
    try {
      const res = await api.post('/public/v1/posts', {
        type: 'now',
        date: new Date().toISOString(),
        shortLink: false,
        tags: [],
        posts: [{ integration: { id: channelId }, value: [{ content: 'media probe', image: [{ id: 'probe', path: mediaUrl }] }], settings: { who_can_reply_post: 'everyone' } }],
      });
      // Long enough for the workers to take a post published "now" and fetch its media, were it accepted.
      await sleep(process.argv.includes('--quick') ? 4_000 : 10_000);
      const code = res.json?.code ?? res.json?.message;
      record('media', res.status === 400 && JSON.stringify(res.json ?? {}).includes('media_not_uploaded') && hits.length === 0, `post with media ${mediaUrl}: ${res.status} ${typeof code === 'string' ? code : JSON.stringify(code)}; the loopback listener was fetched ${hits.length} time(s)`);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  await probe('headers', async () => {
    const res = await fetch(`${base}/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    record('headers', /frame-ancestors 'none'/.test(csp) && /default-src 'none'/.test(csp) && res.headers.get('referrer-policy') === 'no-referrer', `API: content-security-policy "${csp}", referrer-policy ${res.headers.get('referrer-policy')}`);
  });

  const failed = results.filter((r) => r.status === 'FAIL');
  console.log(`security probes: ${results.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  log(`done${failed.length ? `; failed: ${failed.map((f) => f.name).join(', ')}` : ''}`);
  return failed.length === 0;
}

runMain(main);
