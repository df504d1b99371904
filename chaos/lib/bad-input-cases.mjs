// The malformed requests of chaos/bad-input.mjs, by family. Each case: {route, method, path, what, as, json?,
// body?, headers?, raw?}; `as` is 'session' (A's cookie, the default), 'api' (A's API key) or 'anon'.
import { randomUUID } from 'node:crypto';

const HUGE = 'x'.repeat(200_000);
const LONG = 'y'.repeat(5_000);
const future = () => new Date(Date.now() + 86400_000).toISOString();
const PUBLIC = '/public/v1';

const BAD_IDS = [
  ['not a uuid', 'not-a-uuid'],
  ['numeric', '12345'],
  ['traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['sql', "1'%20OR%20'1'%3D'1"],
  ['nul byte', 'abc%00def'],
  ['very long', 'a'.repeat(3000)],
  ['unknown uuid', randomUUID()],
  ['upper-case uuid', randomUUID().toUpperCase()],
];

/** Routes whose path carries an id: each tried with malformed ids, an unknown id and B's id. */
export function idMutations({ B }) {
  const b = B.ids;
  const dashboard = [
    ['GET', '/posts/:id', b.post],
    ['PUT', '/posts/:id', b.group, { type: 'schedule', date: future(), posts: [] }],
    ['PUT', '/posts/:id/date', b.post, { date: future() }],
    ['DELETE', '/posts/:id', b.group],
    ['POST', '/posts/:id/retry', b.post, {}],
    ['GET', '/integrations/:id/pages', b.channels.facebook],
    ['POST', '/integrations/:id/pages', b.channels.facebook, { pageId: '1' }],
    ['POST', '/integrations/:id/disable', b.channels.x, {}],
    ['POST', '/integrations/:id/enable', b.channels.x, {}],
    ['POST', '/integrations/:id/refresh', b.channels.x, {}],
    ['DELETE', '/integrations/:id', b.channels.x],
    ['DELETE', '/media/:id', b.media],
    ['DELETE', '/webhooks/:id', b.webhook],
    ['GET', '/webhooks/:id/deliveries', b.webhook],
    ['GET', '/analytics/channels/:id', b.channels.x],
    ['GET', '/analytics/posts/:id', b.post],
    ['GET', '/integrations/meta/data-deletion/:id', 'nope'],
    ['DELETE', '/organization/invitations/:id', b.invitation],
    ['PUT', '/organization/members/:id', b.user, { role: 'MEMBER' }],
    ['DELETE', '/organization/members/:id', b.user],
    ['GET', '/auth/invitations/:id', 'nope'],
    ['POST', '/auth/invitations/:id/accept', 'nope', { password: 'long enough password' }],
    ['GET', '/auth/reset/:id', 'nope'],
  ];
  const pub = [
    ['GET', '/posts/:id', b.post],
    ['PUT', '/posts/:id', b.post, { content: 'x' }],
    ['DELETE', '/posts/:id', b.post],
    ['DELETE', '/posts/group/:id', b.group],
    ['PUT', '/posts/:id/status', b.post, { status: 'draft' }],
    ['PUT', '/posts/:id/settings', b.post, { settings: {} }],
    ['PUT', '/posts/:id/release-id', b.post, { releaseId: '1' }],
    ['GET', '/posts/:id/missing', b.post],
    ['GET', '/analytics/post/:id', b.post],
    ['GET', '/integration-settings/:id', b.channels.x],
    ['POST', '/integration-trigger/:id', b.channels.x, { methodName: 'x', data: {} }],
    ['GET', '/find-slot/:id', b.channels.x],
    ['DELETE', '/integrations/:id', b.channels.x],
    ['GET', '/analytics/:id', b.channels.x],
    ['GET', '/social/:id', 'myspace'],
  ].map(([m, p, id, json]) => [m, `${PUBLIC}${p}`, id, json, 'api']);
  const cases = [];
  for (const [method, route, bId, json, as] of [...dashboard, ...pub]) {
    for (const [what, id] of [...BAD_IDS, ["B's id", bId]]) {
      // The long id only on a few routes: it is the same check everywhere.
      if (what === 'very long' && !['/posts/:id', `${PUBLIC}/posts/:id`].includes(route)) continue;
      cases.push({ route, method, path: route.replace(':id', id), what, as, json });
    }
  }
  return cases;
}

/** Query strings of the list routes: invalid and reversed dates, arrays, nested objects, bad pages. */
export function queryMutations() {
  const week = (a, b) => `startDate=${encodeURIComponent(a)}&endDate=${encodeURIComponent(b)}`;
  const now = new Date();
  const later = new Date(now.getTime() + 7 * 86400_000);
  const variants = [
    ['no dates', ''],
    ['invalid date', week('2024-13-45', '2024-14-01')],
    ['words', week('yesterday', 'tomorrow')],
    ['reversed', week(later.toISOString(), now.toISOString())],
    ['a century', week('1900-01-01T00:00:00Z', '2100-01-01T00:00:00Z')],
    ['year 275760+', week('+275760-09-13T00:00:00.000Z', '+275760-09-14T00:00:00.000Z')],
    ['epoch numbers', week('0', '99999999999999999999')],
    ['arrays', `startDate=${now.toISOString()}&startDate=${later.toISOString()}&endDate=${later.toISOString()}`],
    ['nested', `startDate[$gt]=x&endDate[a][b]=y`],
    ['huge', week(HUGE.slice(0, 6000), HUGE.slice(0, 6000))],
    ['customer object', `${week(now.toISOString(), later.toISOString())}&customer[x]=1`],
  ];
  const cases = [];
  for (const [route, as] of [['/posts', 'session'], [`${PUBLIC}/posts`, 'api']]) {
    for (const [what, qs] of variants) cases.push({ route, method: 'GET', path: `${route}?${qs}`, what, as });
  }
  for (const [route, as] of [['/media', 'session'], ['/notifications', 'session'], [`${PUBLIC}/media`, 'api'], [`${PUBLIC}/notifications`, 'api']]) {
    for (const [what, qs] of [['page -1', 'page=-1'], ['page words', 'page=abc'], ['page 1e309', 'page=1e309'], ['page array', 'page=1&page=2'], ['page object', 'page[a]=1'], ['page huge', `page=${'9'.repeat(400)}`]]) {
      cases.push({ route, method: 'GET', path: `${route}?${qs}`, what, as });
    }
  }
  cases.push({ route: `${PUBLIC}/analytics/:id`, method: 'GET', path: `${PUBLIC}/analytics/${randomUUID()}?date=abc`, what: 'date words', as: 'api' });
  cases.push({ route: `${PUBLIC}/integrations`, method: 'GET', path: `${PUBLIC}/integrations?group[x]=1`, what: 'group object', as: 'api' });
  cases.push({ route: '/integrations/social/:provider', method: 'GET', path: '/integrations/social/x?refresh=not-a-uuid', what: 'bad refresh id', as: 'session' });
  cases.push({ route: '/integrations/social/:provider', method: 'GET', path: '/integrations/social/myspace', what: 'unknown provider', as: 'session' });
  cases.push({ route: '/integrations/social/:provider', method: 'GET', path: '/integrations/social/..%2F..%2Fetc', what: 'traversal provider', as: 'session' });
  cases.push({ route: '/integrations/social/:provider', method: 'GET', path: '/integrations/social/__proto__', what: 'prototype provider', as: 'session' });
  cases.push({ route: `${PUBLIC}/social/:provider`, method: 'GET', path: `${PUBLIC}/social/constructor`, what: 'prototype provider', as: 'api' });
  return cases;
}

/** Field by field: each field of each JSON body given a wrong type, left out, huge, or an invalid date. */
export function fieldMutations({ A, B }) {
  const a = A.ids;
  const post = (over = {}, entry = {}, value = {}) => ({
    type: 'schedule',
    date: future(),
    shortLink: false,
    tags: [],
    posts: [{ integration: { id: a.channels.x }, value: [{ content: 'hello', ...value }], settings: { who_can_reply_post: 'everyone' }, ...entry }],
    ...over,
  });
  const postVariants = [
    ['type number', post({ type: 42 })],
    ['type unknown', post({ type: 'publish-twice' })],
    ['date missing', post({ date: undefined })],
    ['date invalid', post({ date: '2024-02-30T25:61:00Z' })],
    ['date words', post({ date: 'next tuesday' })],
    ['date number', post({ date: 1e20 })],
    ['date object', post({ date: { $gt: 1 } })],
    ['date year 10000', post({ date: '+010000-01-01T00:00:00.000Z' })],
    ['posts missing', post({ posts: undefined })],
    ['posts object', post({ posts: { 0: {} } })],
    ['posts empty', post({ posts: [] })],
    ['posts of nulls', post({ posts: [null, 1, 'x'] })],
    ['2,000 entries', post({ posts: Array.from({ length: 2000 }, () => ({ integration: { id: a.channels.x }, value: [{ content: 'x' }] })) })],
    ['integration missing', post({}, { integration: undefined })],
    ['integration id number', post({}, { integration: { id: 7 } })],
    ['integration not uuid', post({}, { integration: { id: '../../x' } })],
    ['integration unknown', post({}, { integration: { id: randomUUID() } })],
    ["integration B's", post({}, { integration: { id: B.ids.channels.x } })],
    ['value missing', post({}, { value: undefined })],
    ['value empty', post({}, { value: [] })],
    ['value string', post({}, { value: 'hello' })],
    ['content number', post({}, {}, { content: 12 })],
    ['content null', post({}, {}, { content: null })],
    ['content huge', post({}, {}, { content: HUGE })],
    ['content lone surrogate', post({}, {}, { content: 'bad \ud800 text' })],
    ['content NUL', post({}, {}, { content: 'nul \u0000 byte' })],
    ['image string', post({}, {}, { image: 'x.png' })],
    ['image bad path', post({}, {}, { image: [{ path: 'javascript:alert(1)' }] })],
    ['image traversal', post({}, {}, { image: [{ id: randomUUID(), path: '../../../etc/passwd' }] })],
    ['image file URL', post({}, {}, { image: [{ path: 'file:///etc/passwd' }] })],
    ['image 500 of them', post({}, {}, { image: Array.from({ length: 500 }, () => ({ path: 'https://example.com/a.png' })) })],
    ['delay negative', post({}, { value: [{ content: 'a' }, { content: 'b', delay: -5 }] })],
    ['delay huge', post({}, { value: [{ content: 'a' }, { content: 'b', delay: 1e12 }] })],
    ['delay string', post({}, { value: [{ content: 'a' }, { content: 'b', delay: 'soon' }] })],
    ['settings array', post({}, { settings: [1, 2] })],
    ['settings wrong value', post({}, { settings: { who_can_reply_post: { a: 1 } } })],
    ['tags wrong', post({ tags: 'news' })],
    ['tags objects', post({ tags: [{ value: { $ne: 1 } }] })],
    ['shortLink string', post({ shortLink: 'yes' })],
    ['__proto__', JSON.parse(`{"__proto__":{"isAdmin":true},"type":"schedule","date":"${future()}","posts":[]}`)],
  ];
  const cases = [];
  for (const [what, json] of postVariants) {
    cases.push({ route: '/posts', method: 'POST', path: '/posts', what, json });
    cases.push({ route: `${PUBLIC}/posts`, method: 'POST', path: `${PUBLIC}/posts`, what, json, as: 'api' });
  }
  for (const [what, json] of postVariants.slice(0, 12)) cases.push({ route: '/posts/:group', method: 'PUT', path: `/posts/${a.group}`, what, json });
  const bodies = [
    ['/auth/register', 'POST', 'anon', [
      ['empty', {}],
      ['email number', { email: 5, password: 'correct horse battery', company: 'x' }],
      ['email invalid', { email: 'not-an-email', password: 'correct horse battery', company: 'x' }],
      ['email huge', { email: `${LONG}@example.com`, password: 'correct horse battery', company: 'x' }],
      ['password short', { email: 'short@example.test', password: 'x', company: 'x' }],
      ['password huge', { email: 'huge@example.test', password: HUGE, company: 'x' }],
      ['password object', { email: 'obj@example.test', password: { a: 1 }, company: 'x' }],
      ['company array', { email: 'arr@example.test', password: 'correct horse battery', company: ['a'] }],
      ['company huge', { email: 'comp@example.test', password: 'correct horse battery', company: HUGE }],
      ['email taken', { email: A.email, password: 'correct horse battery', company: 'x' }],
    ]],
    ['/auth/login', 'POST', 'anon', [
      ['empty', {}],
      ['email array', { email: ['a'], password: 'x' }],
      ['password number', { email: A.email, password: 123456789 }],
      ['password huge', { email: A.email, password: HUGE }],
      ['wrong password', { email: A.email, password: 'wrong password!' }],
    ]],
    ['/organization/invitations', 'POST', 'session', [
      ['empty', {}],
      ['email invalid', { email: 'not-an-email', role: 'MEMBER' }],
      ['email huge', { email: `${LONG}@example.com`, role: 'MEMBER' }],
      ['email array', { email: ['a@example.com'], role: 'MEMBER' }],
      ['role owner', { email: 'owner@example.test', role: 'OWNER' }],
      ['role number', { email: 'n@example.test', role: 1 }],
      ['extra field', { email: 'x@example.test', role: 'MEMBER', organizationId: B.ids.organization }],
      ['already a member', { email: A.email, role: 'ADMIN' }],
    ]],
    ['/organization/transfer', 'POST', 'session', [
      ['empty', {}],
      ['userId not uuid', { userId: '../x' }],
      ['userId number', { userId: 7 }],
      ["userId B's", { userId: B.ids.user }],
      ['userId oneself', { userId: a.user }],
    ]],
    ['/auth/forgot', 'POST', 'anon', [
      ['empty', {}],
      ['email object', { email: { $ne: '' } }],
      ['email huge', { email: HUGE }],
    ]],
    ['/auth/reset', 'POST', 'anon', [
      ['empty', {}],
      ['token unknown', { token: 'a'.repeat(43), password: 'a long new password' }],
      ['token huge', { token: HUGE, password: 'a long new password' }],
      ['password short', { token: 'a'.repeat(43), password: 'x' }],
      ['password object', { token: 'a'.repeat(43), password: { a: 1 } }],
    ]],
    ['/user/self', 'PUT', 'session', [
      ['emailNotifications string', { emailNotifications: 'on' }],
      ['emailNotifications wrong type', { emailNotifications: { failures: 'yes' } }],
      ['emailNotifications unknown key', { emailNotifications: { sms: true } }],
      ['timezone unknown', { timezone: 'Mars/Olympus_Mons' }],
      ['timezone number', { timezone: 5 }],
      ['name huge', { name: HUGE }],
      ['name object', { name: { first: 'a' } }],
      ['extra field', { role: 'OWNER', email: 'x@example.com' }],
    ]],
    ['/posts/:id/date', 'PUT', 'session', [
      ['date missing', {}],
      ['date invalid', { date: '2024-99-99' }],
      ['date number', { date: 123 }],
    ]],
    ['/posts/:id/retry', 'POST', 'session', [
      ['body array', [1]],
      ['unknown field', { force: 'yes', mode: { a: 1 } }],
    ]],
    ['/webhooks', 'POST', 'session', [
      ['empty', {}],
      ['url invalid', { name: 'a', url: 'not a url' }],
      ['url ftp', { name: 'a', url: 'ftp://example.com/x' }],
      ['url file', { name: 'a', url: 'file:///etc/passwd' }],
      ['url loopback', { name: 'a', url: 'http://127.0.0.1:22/' }],
      ['url metadata', { name: 'a', url: 'http://169.254.169.254/latest/meta-data' }],
      ['url huge', { name: 'a', url: `https://example.com/${LONG}` }],
      ['events unknown', { name: 'a', url: 'https://example.com/h', events: ['post.exploded'] }],
      ['events string', { name: 'a', url: 'https://example.com/h', events: 'post.published' }],
      ['integrations not uuid', { name: 'a', url: 'https://example.com/h', integrations: ['x'] }],
      ["integrations B's", { name: 'a', url: 'https://example.com/h', integrations: [B.ids.channels.x] }],
      ['name huge', { name: HUGE, url: 'https://example.com/h' }],
    ]],
    ['/notifications/read', 'POST', 'session', [
      ['ids string', { ids: 'all' }],
      ['ids numbers', { ids: [1, 2] }],
      ['ids not uuid', { ids: ['../x'] }],
      ['ids 20,000', { ids: Array.from({ length: 20_000 }, () => randomUUID()) }],
    ]],
    ['/settings/api-key', 'POST', 'session', [['body array', [1, 2, 3]]]],
    ['/integrations/function', 'POST', 'session', [
      ['empty', {}],
      ['name constructor', { name: 'constructor', id: a.channels.x }],
      ['name __proto__', { name: '__proto__', id: a.channels.x }],
      ['name unknown', { name: 'deleteEverything', id: a.channels.x }],
      ['id not uuid', { name: 'pages', id: 'x' }],
      ['id number', { name: 'refresh', id: 5 }],
    ]],
    ['/integrations/social/x/connect', 'POST', 'session', [
      ['empty', {}],
      ['array', ['a']],
      ['numbers', { oauth_token: 1, oauth_verifier: 2 }],
      ['unknown state', { oauth_token: 'nope', oauth_verifier: 'nope' }],
      ['huge value', { oauth_token: HUGE, oauth_verifier: 'x' }],
      ['100 keys', Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v']))],
    ]],
    ['/integrations/social/instagram-standalone/connect', 'POST', 'session', [
      ['unknown state', { code: 'abc', state: 'def' }],
      ['denied', { error: 'access_denied', error_reason: 'user_denied' }],
    ]],
    [`/integrations/${a.channels.facebook}/pages`, 'POST', 'session', [
      ['pageId missing', {}],
      ['pageId object', { pageId: { $ne: 1 } }],
      ['pageId unknown', { pageId: '999999' }],
    ]],
    ['/integrations/meta/deauthorize', 'POST', 'anon', [
      ['empty', {}],
      ['garbage', { signed_request: 'garbage' }],
      ['bad signature', { signed_request: 'YWJj.eyJ1c2VyX2lkIjoiMSJ9' }],
      ['number', { signed_request: 5 }],
    ]],
    ['/integrations/meta/data-deletion', 'POST', 'anon', [
      ['empty', {}],
      ['garbage', { signed_request: `${LONG}.${LONG}` }],
    ]],
    ['/organization', 'DELETE', 'session', [
      ['no password', {}],
      ['wrong password', { password: 'wrong password!' }],
      ['password object', { password: { $ne: '' } }],
    ]],
    ['/user/self', 'DELETE', 'session', [
      ['no password', {}],
      ['password number', { password: 1 }],
    ]],
    [`${PUBLIC}/posts/${a.post}`, 'PUT', 'api', [
      ['content number', { content: 5 }],
      ['content huge', { content: HUGE.slice(0, 90_000) }],
      ['date invalid', { date: 'tomorrowish' }],
      ['image string', { image: 'x' }],
    ]],
    [`${PUBLIC}/posts/${a.post}/status`, 'PUT', 'api', [
      ['status missing', {}],
      ['status unknown', { status: 'published' }],
      ['status array', { status: ['draft'] }],
    ]],
    [`${PUBLIC}/posts/${a.post}/settings`, 'PUT', 'api', [
      ['settings missing', {}],
      ['settings string', { settings: 'x' }],
      ['settings nested', { settings: { a: { b: { c: [1, { d: 2 }] } } } }],
    ]],
    [`${PUBLIC}/posts/${a.post}/release-id`, 'PUT', 'api', [
      ['releaseId missing', {}],
      ['releaseId object', { releaseId: { a: 1 } }],
    ]],
    [`${PUBLIC}/integration-trigger/${a.channels.x}`, 'POST', 'api', [
      ['empty', {}],
      ['method constructor', { methodName: 'constructor', data: {} }],
      ['method __proto__', { methodName: '__proto__', data: {} }],
    ]],
    [`${PUBLIC}/upload-from-url`, 'POST', 'api', [
      ['empty', {}],
      ['url number', { url: 5 }],
      ['url file', { url: 'file:///etc/passwd' }],
      ['url loopback', { url: 'http://127.0.0.1:5432/' }],
      ['url metadata', { url: 'http://169.254.169.254/latest/meta-data/' }],
      ['url javascript', { url: 'javascript:alert(1)' }],
      ['url huge', { url: `https://example.com/${LONG}` }],
      ['url ipv6 loopback', { url: 'http://[::1]:6379/' }],
      ['url decimal ip', { url: 'http://2130706433/' }],
    ]],
  ];
  for (const [route, method, as, variants] of bodies) {
    for (const [what, json] of variants) cases.push({ route, method, path: route, what, json, as });
  }
  return cases;
}

/** Whole-body faults on every JSON route: bad JSON, wrong content types, scalars, oversized and deep bodies. */
export function bodyMutations({ A, publicPaths }) {
  const a = A.ids;
  const jsonRoutes = [
    ['POST', '/posts', 'session'],
    ['PUT', `/posts/${a.group}`, 'session'],
    ['PUT', `/posts/${a.post}/date`, 'session'],
    ['POST', '/webhooks', 'session'],
    ['POST', '/notifications/read', 'session'],
    ['PUT', '/user/self', 'session'],
    ['POST', '/auth/login', 'anon'],
    ['POST', '/integrations/function', 'session'],
    ['POST', '/integrations/social/x/connect', 'session'],
    ['POST', '/integrations/meta/deauthorize', 'anon'],
  ];
  for (const [method, p] of publicPaths) {
    if (method !== 'POST' && method !== 'PUT') continue;
    if (p.includes('upload') && !p.includes('from-url')) continue;
    jsonRoutes.push([method, p.replace(/\{[^}]+\}/g, (m) => (m.includes('integration') || p.includes('trigger') ? a.channels.x : a.post)).replace(/^(?!\/public)/, PUBLIC), 'api']);
  }
  const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
  const variants = [
    ['bad JSON', { body: '{"type": "schedule", ', headers: { 'Content-Type': 'application/json' } }],
    ['JSON with trailing garbage', { body: '{"a":1} trailing', headers: { 'Content-Type': 'application/json' } }],
    ['text/plain', { body: '{"a":1}', headers: { 'Content-Type': 'text/plain' } }],
    ['XML', { body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>', headers: { 'Content-Type': 'application/xml' } }],
    ['form-urlencoded', { body: 'type=schedule&posts[0][integration][id]=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
    ['JSON null', { body: 'null', headers: { 'Content-Type': 'application/json' } }],
    ['JSON number', { body: '42', headers: { 'Content-Type': 'application/json' } }],
    ['JSON string', { body: '"hello"', headers: { 'Content-Type': 'application/json' } }],
    ['empty JSON body', { body: '', headers: { 'Content-Type': 'application/json' } }],
    ['oversized JSON (3 MB)', { body: JSON.stringify({ content: 'z'.repeat(3_000_000) }), headers: { 'Content-Type': 'application/json' } }],
    ['deep array', { body: deep, headers: { 'Content-Type': 'application/json' } }],
    ['deep object', { body: deepObject, headers: { 'Content-Type': 'application/json' } }],
    ['charset unknown', { body: '{"a":1}', headers: { 'Content-Type': 'application/json; charset=ebcdic-xx' } }],
    ['gzip lie', { body: '{"a":1}', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }],
  ];
  const cases = [];
  for (const [method, path, as] of jsonRoutes) {
    for (const [what, v] of variants) cases.push({ route: path, method, path, what, as, ...v });
  }
  return cases;
}

function multipart(boundary, parts, { close = true } = {}) {
  const chunks = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Uploads (dashboard and public) with broken multipart, lying types, traversal in names; /uploads traversal. */
export function multipartCases({ png }) {
  const boundary = 'herald-chaos-boundary';
  const type = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
  const file = (filename, data = png, t = 'image/png') => ({ name: 'file', filename, data, type: t });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const variants = [
    ['no boundary', { body: multipart(boundary, [file('a.png')]), headers: { 'Content-Type': 'multipart/form-data' } }],
    ['truncated', { body: multipart(boundary, [file('a.png')], { close: false }).subarray(0, 120), headers: type }],
    ['no closing boundary', { body: multipart(boundary, [file('a.png')], { close: false }), headers: type }],
    ['wrong field name', { body: multipart(boundary, [{ ...file('a.png'), name: 'upload' }]), headers: type }],
    ['no file, a text field', { body: multipart(boundary, [{ name: 'file', data: 'just text' }]), headers: type }],
    ['two files', { body: multipart(boundary, [file('a.png'), file('b.png')]), headers: type }],
    ['empty file', { body: multipart(boundary, [file('a.png', Buffer.alloc(0))]), headers: type }],
    ['text named .png', { body: multipart(boundary, [file('a.png', 'hello, not an image')]), headers: type }],
    ['SVG with script', { body: multipart(boundary, [file('a.svg', svg, 'image/svg+xml')]), headers: type }],
    ['HTML named .jpg', { body: multipart(boundary, [file('a.jpg', '<html><script>alert(1)</script></html>', 'image/jpeg')]), headers: type }],
    ['ELF named .gif', { body: multipart(boundary, [file('a.gif', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'image/gif')]), headers: type }],
    ['truncated PNG', { body: multipart(boundary, [file('a.png', png.subarray(0, 20))]), headers: type }],
    ['traversal filename', { body: multipart(boundary, [file('../../../../etc/passwd')]), headers: type }],
    ['absolute filename', { body: multipart(boundary, [file('/etc/cron.d/evil.png')]), headers: type }],
    ['windows traversal filename', { body: multipart(boundary, [file('..\\..\\windows\\win.ini.png')]), headers: type }],
    ['NUL in filename', { body: multipart(boundary, [file('a.png\u0000.exe')]), headers: type }],
    ['huge filename', { body: multipart(boundary, [file(`${'n'.repeat(5000)}.png`)]), headers: type }],
    ['oversized file (40 MB)', { body: multipart(boundary, [file('big.png', Buffer.concat([png, Buffer.alloc(40 * 1024 * 1024)]))]), headers: type }],
    ['JSON instead of multipart', { body: '{"file":"x"}', headers: { 'Content-Type': 'application/json' } }],
    ['1,000 fields', { body: multipart(boundary, Array.from({ length: 1000 }, (_, i) => ({ name: `f${i}`, data: 'v' }))), headers: type }],
  ];
  const cases = [];
  for (const [route, as] of [['/media/upload', 'session'], [`${PUBLIC}/upload`, 'api']]) {
    for (const [what, v] of variants) cases.push({ route, method: 'POST', path: route, what, as, ...v });
  }
  const traversal = [
    '/uploads/../../package.json',
    '/uploads/..%2f..%2fpackage.json',
    '/uploads/%2e%2e/%2e%2e/package.json',
    '/uploads/....//....//etc/passwd',
    '/uploads/%252e%252e%252fpackage.json',
    '/uploads/..\\..\\package.json',
    '/uploads/%00',
    '/uploads/.env',
    '/uploads/a/../../.data/secrets.json',
    '/uploads/',
    '/public/v1/../../health',
    '/public/v1/..%2f..%2fuploads%2f..%2fpackage.json',
  ];
  for (const path of traversal) cases.push({ route: '/uploads/*', method: 'GET', path, what: 'path traversal', as: 'anon', raw: true });
  return cases;
}

/** The routes without an id or a body: junk queries, a malformed or foreign `showorg`, garbage credentials. */
export function headerAndQueryCases({ B }) {
  const dashboard = ['/integrations', '/integrations/list', '/user/self', '/settings/api-key', '/webhooks', '/notifications', '/media', '/organization/export', '/health', '/metrics'];
  const pub = ['/integrations', '/groups', '/is-connected', '/openapi.json', '/docs', '/media', '/notifications'].map((p) => `${PUBLIC}${p}`);
  const cases = [];
  for (const route of dashboard) {
    cases.push({ route, method: 'GET', path: `${route}?a[b][c]=1&__proto__[admin]=1&constructor[prototype][x]=1`, what: 'prototype query' });
    cases.push({ route, method: 'GET', path: `${route}?q=${'q'.repeat(7000)}`, what: 'huge query' });
    cases.push({ route, method: 'GET', path: route, what: 'showorg not a uuid', headers: { showorg: '../../etc' } });
    cases.push({ route, method: 'GET', path: route, what: "showorg B's org", headers: { showorg: B.ids.organization } });
    cases.push({ route, method: 'GET', path: route, what: 'garbage session cookie', as: 'anon', headers: { Cookie: 'auth=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });
    cases.push({ route, method: 'PATCH', path: route, what: 'unknown method', json: {} });
  }
  for (const route of pub) {
    cases.push({ route, method: 'GET', path: `${route}?a[b][c]=1&__proto__[admin]=1`, what: 'prototype query', as: 'api' });
    cases.push({ route, method: 'GET', path: route, what: 'garbage key', as: 'anon', headers: { Authorization: 'x'.repeat(4000) } });
    cases.push({ route, method: 'GET', path: route, what: 'Bearer key', as: 'anon', headers: { Authorization: 'Bearer pos_0000000000000000000000000000000000000000' } });
  }
  cases.push({ route: '/auth/logout', method: 'POST', path: '/auth/logout', what: 'no session', as: 'anon', json: {} });
  cases.push({ route: '/auth/logout', method: 'POST', path: '/auth/logout', what: 'foreign origin', json: {}, headers: { Origin: 'https://evil.example.com' } });
  cases.push({ route: '/posts', method: 'POST', path: '/posts', what: 'foreign origin', json: {}, headers: { Origin: 'https://evil.example.com' } });
  cases.push({ route: '/settings/api-key', method: 'POST', path: '/settings/api-key', what: 'no origin', json: {}, headers: { Origin: undefined } });
  return cases;
}
