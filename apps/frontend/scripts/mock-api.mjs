// An in-memory stand-in for the Herald API (docs/http-api.md), for screenshots and manual checks of the
// dashboard while the real backend is not available. Not used by the app itself.
//   node scripts/mock-api.mjs [port]   (default 3900; set NEXT_PUBLIC_BACKEND_URL=http://localhost:3900)
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { handleOrganizing } from './mock-organizing.mjs';
import { handlePosts, seedPosts, serveUpload } from './mock-posts.mjs';

const port = Number(process.argv[2] ?? process.env.MOCK_API_PORT ?? 3900);
const frontend = process.env.FRONTEND_URL ?? 'http://localhost:4200';
const users = new Map(); // email -> user
const sessions = new Map(); // token -> email
const failures = new Map(); // email -> count
const stats = { connectCalls: 0 };

const catalogue = [
  { identifier: 'x', name: 'X', configured: true, isBetweenSteps: false },
  { identifier: 'instagram', name: 'Instagram (Facebook Business)', configured: false, isBetweenSteps: true },
  { identifier: 'instagram-standalone', name: 'Instagram (Standalone)', configured: true, isBetweenSteps: false },
  { identifier: 'facebook', name: 'Facebook Page', configured: true, isBetweenSteps: true },
];

function seedChannels() {
  return [
    { id: randomUUID(), name: 'Herald Demo', identifier: 'x', picture: null, username: 'herald_demo', disabled: false, refreshNeeded: false, inBetweenSteps: false, type: 'social', sandbox: true },
    { id: randomUUID(), name: 'Bakery on Main', identifier: 'instagram-standalone', picture: null, username: 'bakeryonmain', disabled: false, refreshNeeded: true, inBetweenSteps: false, type: 'social' },
    { id: randomUUID(), name: 'Old Campaign Page', identifier: 'facebook', picture: null, username: null, disabled: true, refreshNeeded: false, inBetweenSteps: false, type: 'social' },
    { id: randomUUID(), name: 'Jane Doe', identifier: 'facebook', picture: null, username: null, disabled: false, refreshNeeded: false, inBetweenSteps: true, type: 'social' },
  ];
}

function newUser(email, password, company) {
  const orgs = [{ id: randomUUID(), name: company, role: email.startsWith('member') ? 'MEMBER' : 'OWNER', channels: seedChannels(), apiKey: null }];
  if (email.startsWith('multi')) orgs.push({ id: randomUUID(), name: 'Second Agency', role: 'ADMIN', channels: [], apiKey: null });
  // An address like posts500-…@example.com starts with 500 posts spread over the current week (Monday 00:00 UTC).
  const seed = /^posts(\d+)\b/.exec(email);
  if (seed) {
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    seedPosts(orgs[0], Number(seed[1]), monday);
  }
  return { id: randomUUID(), email, password, name: null, timezone: 'Europe/Paris', orgs };
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const fail = (res, status, code, message, details) => send(res, status, { statusCode: status, code, message, details });

function cors(req, res) {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
}

async function readBody(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

function sessionUser(req) {
  const token = /(?:^|;\s*)auth=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const email = token && sessions.get(token);
  return email ? users.get(email) : undefined;
}

function login(res, user, status) {
  const token = randomUUID();
  sessions.set(token, user.email);
  send(res, status, { user: { id: user.id, email: user.email }, organization: { id: user.orgs[0].id, name: user.orgs[0].name } }, { 'Set-Cookie': `auth=${token}; HttpOnly; Path=/; SameSite=Lax` });
}

const self = (user, org) => ({ id: user.id, email: user.email, name: user.name, timezone: user.timezone, organizations: user.orgs.map(({ id, name, role }) => ({ id, name, role })), currentOrganizationId: org.id });

async function handle(req, res) {
  cors(req, res);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE', 'Access-Control-Allow-Headers': 'content-type,showorg,accept' });
    return res.end();
  }
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  const route = `${req.method} ${path}`;
  await new Promise((resolve) => setTimeout(resolve, 150));

  if (route === 'GET /health') return send(res, 200, { status: 'ok', checks: { database: 'up', redis: 'up' }, stats });
  if (route === 'POST /auth/register') {
    const { email, password, company } = await readBody(req);
    if (!email || !password || password.length < 8 || !company) return fail(res, 400, 'validation_failed', 'Check the highlighted fields.', [{ field: 'password', message: 'Use at least 8 characters.' }]);
    if (users.has(email)) return fail(res, 409, 'email_taken', 'An account with this email already exists.');
    const user = newUser(email, password, company);
    users.set(email, user);
    return login(res, user, 201);
  }
  if (route === 'POST /auth/login') {
    const { email, password } = await readBody(req);
    if ((failures.get(email) ?? 0) >= 5) return fail(res, 429, 'throttled', 'Too many failed attempts. Try again in 15 minutes.');
    const user = users.get(email);
    if (!user || user.password !== password) {
      failures.set(email, (failures.get(email) ?? 0) + 1);
      return fail(res, 401, 'invalid_credentials', 'The email or password is incorrect.');
    }
    return login(res, user, 200);
  }
  if (route === 'POST /auth/logout') return send(res, 204, undefined, { 'Set-Cookie': 'auth=; Path=/; Max-Age=0' });

  if (req.method === 'GET' && path.startsWith('/uploads/') && serveUpload(req, res, path)) return;
  const user = sessionUser(req);
  if (!user) return fail(res, 401, 'unauthorized', 'Please log in.');
  const showorg = req.headers.showorg;
  const org = showorg ? user.orgs.find((o) => o.id === showorg) : user.orgs[0];
  if (!org) return fail(res, 403, 'forbidden', 'You are not a member of this organization.');

  if (route === 'GET /user/self') return send(res, 200, self(user, org));
  if (route === 'PUT /user/self') {
    const body = await readBody(req);
    if (body.timezone !== undefined) user.timezone = body.timezone;
    if (body.name !== undefined) user.name = body.name;
    return send(res, 200, self(user, org));
  }
  if (route === 'GET /integrations') return send(res, 200, catalogue);
  if (route === 'GET /integrations/list') return send(res, 200, { integrations: org.channels.map((c) => ({ ...c, customer: org.customers?.find((k) => k.id === c.customerId) ?? null, customerId: undefined })) });
  if (await handleOrganizing(req, res, { org, path, send, fail, readBody })) return;
  let m = /^\/integrations\/social\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && m) {
    const entry = catalogue.find((c) => c.identifier === m[1]);
    if (!entry) return fail(res, 404, 'not_found', 'Unknown provider.');
    if (!entry.configured) return fail(res, 400, 'provider_not_configured', `${entry.name} is not configured on this server.`, { variables: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'] });
    const refresh = url.searchParams.get('refresh');
    return send(res, 200, { url: `${frontend}/integrations/social/${m[1]}?code=mock-code&state=${refresh ? `refresh-${refresh}` : 'fresh'}` });
  }
  m = /^\/integrations\/social\/([^/]+)\/connect$/.exec(path);
  if (req.method === 'POST' && m) {
    stats.connectCalls += 1;
    const body = await readBody(req);
    if (body.error || body.denied) return fail(res, 400, 'access_denied', 'The person declined access.');
    if (body.state === 'expired') return fail(res, 400, 'invalid_state', 'Unknown or expired state.');
    if (body.code === 'fail') return fail(res, 502, 'platform_error', 'The platform said: Error validating verification code.');
    const refreshId = typeof body.state === 'string' && body.state.startsWith('refresh-') ? body.state.slice(8) : null;
    const existing = refreshId && org.channels.find((c) => c.id === refreshId);
    if (existing) {
      existing.refreshNeeded = false;
      return send(res, 200, existing);
    }
    const between = m[1] === 'facebook' || m[1] === 'instagram';
    const channel = { id: randomUUID(), name: between ? 'Jane Doe' : 'New account', identifier: m[1], picture: null, username: between ? null : 'new_account', disabled: false, refreshNeeded: false, inBetweenSteps: between, type: 'social' };
    org.channels.push(channel);
    return send(res, 200, channel);
  }
  m = /^\/integrations\/([^/]+)(?:\/(pages|disable|enable))?$/.exec(path);
  const channel = m && org.channels.find((c) => c.id === m[1]);
  if (m && !channel) return fail(res, 404, 'not_found', 'Channel not found.');
  if (m && m[2] === 'pages' && req.method === 'GET') {
    return send(res, 200, [
      { id: 'p1', name: 'Bakery on Main', picture: null, username: 'bakeryonmain' },
      { id: 'p2', name: 'Herald Community', picture: null, username: null },
    ]);
  }
  if (m && m[2] === 'pages' && req.method === 'POST') {
    const { pageId } = await readBody(req);
    Object.assign(channel, { inBetweenSteps: false, name: pageId === 'p1' ? 'Bakery on Main' : 'Herald Community' });
    return send(res, 200, channel);
  }
  if (m && (m[2] === 'disable' || m[2] === 'enable') && req.method === 'POST') {
    channel.disabled = m[2] === 'disable';
    return send(res, 200, channel);
  }
  if (m && !m[2] && req.method === 'DELETE') {
    org.channels = org.channels.filter((c) => c !== channel);
    return send(res, 204);
  }
  if (await handlePosts(req, res, { org, url, send, fail, readBody, base: `http://localhost:${port}` })) return;
  if (route === 'GET /settings/api-key') return org.apiKey ? send(res, 200, { prefix: org.apiKey.prefix, createdAt: org.apiKey.createdAt }) : fail(res, 404, 'not_found', 'No API key.');
  if (route === 'POST /settings/api-key') {
    const apiKey = `hrld_${randomUUID().replace(/-/g, '')}`;
    org.apiKey = { prefix: apiKey.slice(0, 12), createdAt: new Date().toISOString() };
    return send(res, 201, { apiKey, ...org.apiKey });
  }
  return fail(res, 404, 'not_found', `Cannot ${req.method} ${path}`);
}

createServer((req, res) => {
  handle(req, res).catch((error) => fail(res, 500, 'internal', String(error)));
}).listen(port, () => console.log(`mock Herald API on http://localhost:${port}`));
