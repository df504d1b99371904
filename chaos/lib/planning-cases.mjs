// The planning routes (docs/api-additions.md, "Planning") in the chaos runs: what each organization gets seeded
// with, the isolation matrix's rows, and bad-input's malformed requests.
import { randomUUID } from 'node:crypto';

const future = () => new Date(Date.now() + 86400_000).toISOString();

/** A signature, posting times, a recurring group and a preview link (with a comment) for an organization. */
export async function seedPlanning(session, ids) {
  const must = (res, what) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.json;
  };
  ids.signature = must(await session.post('/signatures', { name: `${ids.organization.slice(0, 4)} sign-off`, content: 'the team', default: true }), 'signature').id;
  must(await session.put(`/integrations/${ids.channels.x}/slots`, { slots: ['09:00', '13:30'], timezone: 'Europe/Paris' }), 'slots');
  const link = must(await session.post(`/posts/${ids.group}/preview`, {}), 'preview link');
  ids.previewToken = link.url.split('/p/')[1];
  must(await session.request('POST', `/preview/${ids.previewToken}/comments`, { json: { name: 'Client', content: 'Looks good' } }), 'preview comment');
}

/** Isolation-matrix rows for the planning routes: A's credentials on B's ids. */
export function planningIsolationRoutes(a) {
  const post = { type: 'schedule', date: future(), shortLink: false, tags: [], posts: [{ integration: { id: a.channels.x }, value: [{ content: 'isolation probe' }], settings: { who_can_reply_post: 'everyone' } }] };
  return [
    ['GET', '/integrations/:id/slots', (ids) => ({ path: `/integrations/${ids.channels.x}/slots` })],
    ['PUT', '/integrations/:id/slots', (ids) => ({ path: `/integrations/${ids.channels.x}/slots`, json: { slots: ['07:00'], timezone: 'UTC' } })],
    ['GET', '/posts/next-slot?integrations=:id', (ids) => ({ path: `/posts/next-slot?integrations=${ids.channels.x}` })],
    ['GET', '/posts/next-slot?integrations=A,:id', (ids) => ({ path: `/posts/next-slot?integrations=${a.channels.x},${ids.channels.x}` })],
    ['POST', '/posts/:group/duplicate', (ids) => ({ path: `/posts/${ids.group}/duplicate`, json: {} })],
    ['PUT', '/posts/:group/occurrence', (ids) => ({ path: `/posts/${ids.group}/occurrence`, json: post })],
    ['DELETE', '/posts/:group/occurrence', (ids) => ({ path: `/posts/${ids.group}/occurrence` })],
    ['DELETE', '/posts/:group/series', (ids) => ({ path: `/posts/${ids.group}/series` })],
    ['POST', '/posts/:group/preview', (ids) => ({ path: `/posts/${ids.group}/preview`, json: {} })],
    ['GET', '/posts/:group/preview', (ids) => ({ path: `/posts/${ids.group}/preview` })],
    ['DELETE', '/posts/:group/preview', (ids) => ({ path: `/posts/${ids.group}/preview` })],
    ['GET', '/posts/:group/comments', (ids) => ({ path: `/posts/${ids.group}/comments` })],
    ['PUT', '/signatures/:id', (ids) => ({ path: `/signatures/${ids.signature}`, json: { name: 'renamed by A' } })],
    ['DELETE', '/signatures/:id', (ids) => ({ path: `/signatures/${ids.signature}` })],
    ['GET', '/signatures (list)', () => ({ path: '/signatures' })],
  ];
}

function multipart(boundary, parts) {
  const chunks = parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.data}\r\n`);
  return Buffer.from(`${chunks.join('')}--${boundary}--\r\n`);
}

/** bad-input's malformed requests on the planning routes. */
export function planningBadInputCases({ A, B }) {
  const a = A.ids;
  const b = B.ids;
  const cases = [];
  const ids = [
    ['not a uuid', 'not-a-uuid'],
    ['traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['sql', "1'%20OR%20'1'%3D'1"],
    ['unknown uuid', randomUUID()],
  ];
  const withId = [
    ['GET', '/integrations/:id/slots', b.channels.x],
    ['PUT', '/integrations/:id/slots', b.channels.x, { slots: ['09:00'] }],
    ['POST', '/posts/:id/duplicate', b.group, {}],
    ['PUT', '/posts/:id/occurrence', b.group, { type: 'schedule', date: future(), posts: [] }],
    ['DELETE', '/posts/:id/occurrence', b.group],
    ['DELETE', '/posts/:id/series', b.group],
    ['POST', '/posts/:id/preview', b.group, {}],
    ['GET', '/posts/:id/preview', b.group],
    ['DELETE', '/posts/:id/preview', b.group],
    ['GET', '/posts/:id/comments', b.group],
    ['PUT', '/signatures/:id', b.signature, { name: 'x' }],
    ['DELETE', '/signatures/:id', b.signature],
  ];
  for (const [method, route, bId, json] of withId) {
    for (const [what, id] of [...ids, ["B's id", bId]]) cases.push({ route, method, path: route.replace(':id', id), what, json });
  }
  for (const [what, token] of [['short token', 'abc'], ['traversal token', '..%2F..%2Fhealth'], ['unknown token', 'A'.repeat(43)], ['huge token', 'x'.repeat(5000)]]) {
    cases.push({ route: '/preview/:token', method: 'GET', path: `/preview/${token}`, what, as: 'anon' });
    cases.push({ route: '/preview/:token/comments', method: 'POST', path: `/preview/${token}/comments`, what, as: 'anon', json: { name: 'x', content: 'y' } });
  }
  const bodies = [
    [`/integrations/${a.channels.x}/slots`, 'PUT', 'session', [
      ['empty', {}],
      ['slots string', { slots: '09:00' }],
      ['slots bad time', { slots: ['25:99'] }],
      ['slots objects', { slots: [{ time: 540 }] }],
      ['slots 10,000', { slots: Array.from({ length: 10_000 }, () => '09:00') }],
      ['timezone unknown', { slots: ['09:00'], timezone: 'Mars/Olympus' }],
      ['timezone object', { slots: ['09:00'], timezone: { a: 1 } }],
      ['body array', ['09:00']],
    ]],
    [`/posts/${a.group}/duplicate`, 'POST', 'session', [
      ['date words', { date: 'next week' }],
      ['date number', { date: 1e20 }],
      ['body array', [1]],
    ]],
    [`/posts/${a.group}/occurrence`, 'PUT', 'session', [
      ['empty', {}],
      ['inter 0', { type: 'schedule', date: future(), inter: 0, posts: [] }],
      ['inter huge', { type: 'schedule', date: future(), inter: 1e9, posts: [{ integration: { id: a.channels.x }, value: [{ content: 'x' }] }] }],
    ]],
    [`/posts/${a.group}/preview`, 'POST', 'session', [
      ['expiry words', { expiresAt: 'soon' }],
      ['expiry past', { expiresAt: '2001-01-01T00:00:00Z' }],
      ['expiry far', { expiresAt: '2999-01-01T00:00:00Z' }],
      ['expiry object', { expiresAt: { $gt: 1 } }],
    ]],
    ['/signatures', 'POST', 'session', [
      ['empty', {}],
      ['name huge', { name: 'n'.repeat(5000), content: 'x' }],
      ['content huge', { name: 'n', content: 'c'.repeat(200_000) }],
      ['default string', { name: 'n', content: 'c', default: 'yes' }],
      ['name object', { name: { a: 1 }, content: 'c' }],
    ]],
    [`/signatures/${a.signature}`, 'PUT', 'session', [
      ['name blank', { name: '   ' }],
      ['content number', { content: 5 }],
    ]],
    [`/preview/${a.previewToken}/comments`, 'POST', 'anon', [
      ['empty', {}],
      ['name huge', { name: 'n'.repeat(5000), content: 'x' }],
      ['content huge', { name: 'n', content: 'c'.repeat(10_000) }],
      ['content control characters only', { name: 'n', content: '\u0000\u0001' }],
      ['name array', { name: ['a'], content: 'x' }],
    ]],
  ];
  for (const [route, method, as, variants] of bodies) {
    for (const [what, json] of variants) cases.push({ route, method, path: route, what, as, json });
  }
  for (const [what, qs] of [['none', ''], ['empty', 'integrations='], ['commas', 'integrations=,,,'], ['not ids', 'integrations=a,b'], ['array', `integrations=${a.channels.x}&integrations=${a.channels.x}`], ['object', 'integrations[x]=1'], ['huge', `integrations=${'a,'.repeat(3000)}`], ["B's", `integrations=${b.channels.x}`]]) {
    cases.push({ route: '/posts/next-slot', method: 'GET', path: `/posts/next-slot?${qs}`, what });
  }
  const boundary = 'herald-planning-boundary';
  const type = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
  const file = (data, filename = 'posts.csv') => multipart(boundary, [{ name: 'file', filename, type: 'text/csv', data }]);
  const imports = [
    ['no file', multipart(boundary, [{ name: 'other', data: 'x' }])],
    ['empty file', file('')],
    ['binary file', file('\u0000\u0001\u0002PNG')],
    ['unknown columns', file('when,where,what\n1,2,3\n')],
    ['unclosed quote', file('date,channels,content\n"2031-01-01 09:00,x,y\n')],
    ['bad rows', file(`date,channels,content,media,type\nyesterday,${b.channels.x},hi,file:///etc/passwd,publish\n`)],
    ['JSON instead', '{"file":"x"}'],
  ];
  for (const dryRun of ['true', 'false']) {
    for (const [what, body] of imports) cases.push({ route: '/posts/import', method: 'POST', path: `/posts/import?dryRun=${dryRun}`, what, body, headers: what === 'JSON instead' ? { 'Content-Type': 'application/json' } : type });
  }
  cases.push({ route: '/posts/import', method: 'POST', path: '/posts/import?dryRun=maybe', what: 'dryRun words', body: file('date,channels,content\n'), headers: type });
  return cases;
}
