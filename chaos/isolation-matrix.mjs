#!/usr/bin/env node
// Isolation matrix: for every route that takes an id (dashboard and public API), organization A's credentials try
// organization B's ids: A's session cookie, A's session naming B's organization in `showorg`, and A's API key.
// Each cell is the status; a cell leaks when it is a 2xx that changed or showed B's data, when a body carries B's
// data, or when B's id is answered differently from an unknown id (an existence oracle).
//   node chaos/isolation-matrix.mjs [--quick]        (both modes do every route; quick only prints less)
import { randomUUID } from 'node:crypto';
import { log, query, quick, runMain } from '../bench/lib/stack.mjs';
import { planningIsolationRoutes } from './lib/planning-cases.mjs';
import { startTwoOrgs } from './lib/two-orgs.mjs';

const inOneDay = () => new Date(Date.now() + 24 * 3600_000).toISOString();

/** Routes with an id slot; `b` is B's ids, `a` A's. `body` builds the request body from both. */
function routes(a, b) {
  const postBody = (channel) => ({ type: 'schedule', date: inOneDay(), shortLink: false, tags: [], posts: [{ integration: { id: channel }, value: [{ content: 'isolation probe' }], settings: { who_can_reply_post: 'everyone' } }] });
  const dashboard = [
    ['GET', '/posts/:id', (ids) => ({ path: `/posts/${ids.post}` })],
    ['GET', '/posts/:id (group)', (ids) => ({ path: `/posts/${ids.group}` })],
    ['GET', '/posts/:id (draft)', (ids) => ({ path: `/posts/${ids.draft}` })],
    ['PUT', '/posts/:group', (ids) => ({ path: `/posts/${ids.group}`, json: postBody(a.channels.x) })],
    ['PUT', '/posts/:id/date', (ids) => ({ path: `/posts/${ids.post}/date`, json: { date: inOneDay() } })],
    ['POST', '/posts/:id/retry', (ids) => ({ path: `/posts/${ids.post}/retry`, json: {} })],
    ['POST', '/posts (channel)', (ids) => ({ path: '/posts', json: postBody(ids.channels.x) })],
    ['GET', '/integrations/:id/pages', (ids) => ({ path: `/integrations/${ids.channels.facebook}/pages` })],
    ['POST', '/integrations/:id/pages', (ids) => ({ path: `/integrations/${ids.channels.facebook}/pages`, json: { pageId: '1' } })],
    ['POST', '/integrations/:id/disable', (ids) => ({ path: `/integrations/${ids.channels.x}/disable`, json: {} })],
    ['POST', '/integrations/:id/enable', (ids) => ({ path: `/integrations/${ids.channels.x}/enable`, json: {} })],
    ['POST', '/integrations/:id/refresh', (ids) => ({ path: `/integrations/${ids.channels.x}/refresh`, json: {} })],
    ['POST', '/integrations/function pages', (ids) => ({ path: '/integrations/function', json: { name: 'pages', id: ids.channels.facebook } })],
    ['POST', '/integrations/function refresh', (ids) => ({ path: '/integrations/function', json: { name: 'refresh', id: ids.channels.x } })],
    ['GET', '/integrations/social/x?refresh=:id', (ids) => ({ path: `/integrations/social/x?refresh=${ids.channels.x}` })],
    ['GET', '/webhooks/:id/deliveries', (ids) => ({ path: `/webhooks/${ids.webhook}/deliveries` })],
    ['GET', '/analytics/channels/:id', (ids) => ({ path: `/analytics/channels/${ids.channels.x}` })],
    ['GET', '/analytics/posts/:id', (ids) => ({ path: `/analytics/posts/${ids.post}` })],
    ['POST', '/webhooks (channel)', (ids) => ({ path: '/webhooks', json: { name: 'probe', url: 'https://hooks.example.com/probe', integrations: [ids.channels.x] } })],
    ['POST', '/notifications/read', (ids) => ({ path: '/notifications/read', json: { ids: [ids.notification] } })],
    ['PUT', '/customers/:id', (ids) => ({ path: `/customers/${ids.customer}`, json: { name: 'renamed by A' } })],
    ['PUT', '/integrations/:id/customer', (ids) => ({ path: `/integrations/${ids.channels.x}/customer`, json: { customerId: null } })],
    ['PUT', '/integrations/:id/customer (customer)', (ids) => ({ path: `/integrations/${a.channels.x}/customer`, json: { customerId: ids.customer } })],
    ['PUT', '/tags/:id', (ids) => ({ path: `/tags/${ids.tag}`, json: { name: 'renamed by A' } })],
    ['DELETE', '/media/:id', (ids) => ({ path: `/media/${ids.media}` })],
    ['DELETE', '/customers/:id', (ids) => ({ path: `/customers/${ids.customer}` })],
    ['DELETE', '/tags/:id', (ids) => ({ path: `/tags/${ids.tag}` })],
    ['DELETE', '/webhooks/:id', (ids) => ({ path: `/webhooks/${ids.webhook}` })],
    ['DELETE', '/posts/:group', (ids) => ({ path: `/posts/${ids.group}` })],
    ['DELETE', '/integrations/:id', (ids) => ({ path: `/integrations/${ids.channels.x}` })],
    ['DELETE', '/organization/invitations/:id', (ids) => ({ path: `/organization/invitations/${ids.invitation}` })],
    ['PUT', '/organization/members/:userId', (ids) => ({ path: `/organization/members/${ids.user}`, json: { role: 'MEMBER' } })],
    ['DELETE', '/organization/members/:userId', (ids) => ({ path: `/organization/members/${ids.user}` })],
    ['POST', '/organization/transfer', (ids) => ({ path: '/organization/transfer', json: { userId: ids.user } })],
  ];
  const pub = [
    ['GET', '/public/v1/posts/:id', (ids) => ({ path: `/public/v1/posts/${ids.post}` })],
    ['PUT', '/public/v1/posts/:id', (ids) => ({ path: `/public/v1/posts/${ids.post}`, json: { content: 'overwritten by A' } })],
    ['PUT', '/public/v1/posts/:id/status', (ids) => ({ path: `/public/v1/posts/${ids.post}/status`, json: { status: 'draft' } })],
    ['PUT', '/public/v1/posts/:id/settings', (ids) => ({ path: `/public/v1/posts/${ids.post}/settings`, json: { settings: { who_can_reply_post: 'following' } } })],
    ['PUT', '/public/v1/posts/:id/release-id', (ids) => ({ path: `/public/v1/posts/${ids.post}/release-id`, json: { releaseId: '1' } })],
    ['GET', '/public/v1/posts/:id/missing', (ids) => ({ path: `/public/v1/posts/${ids.post}/missing` })],
    ['GET', '/public/v1/analytics/post/:postId', (ids) => ({ path: `/public/v1/analytics/post/${ids.post}` })],
    ['POST', '/public/v1/posts (channel)', (ids) => ({ path: '/public/v1/posts', json: postBody(ids.channels.x) })],
    ['GET', '/public/v1/integration-settings/:id', (ids) => ({ path: `/public/v1/integration-settings/${ids.channels.x}` })],
    ['POST', '/public/v1/integration-trigger/:id', (ids) => ({ path: `/public/v1/integration-trigger/${ids.channels.x}`, json: { methodName: 'pages', data: {} } })],
    ['GET', '/public/v1/find-slot/:id', (ids) => ({ path: `/public/v1/find-slot/${ids.channels.x}` })],
    ['GET', '/public/v1/analytics/:integration', (ids) => ({ path: `/public/v1/analytics/${ids.channels.x}` })],
    ['GET', '/public/v1/social/x?refresh=:id', (ids) => ({ path: `/public/v1/social/x?refresh=${ids.channels.x}` })],
    ['DELETE', '/public/v1/posts/group/:group', (ids) => ({ path: `/public/v1/posts/group/${ids.group}` })],
    ['DELETE', '/public/v1/posts/:id', (ids) => ({ path: `/public/v1/posts/${ids.draft}` })],
    ['DELETE', '/public/v1/integrations/:id', (ids) => ({ path: `/public/v1/integrations/${ids.channels.facebook}` })],
  ];
  // Lists take no id: A's answer must simply hold nothing of B's.
  const week = `startDate=${new Date(Date.now() - 7 * 86400_000).toISOString()}&endDate=${new Date(Date.now() + 7 * 86400_000).toISOString()}`;
  const lists = [
    ['GET', '/posts?startDate&endDate (list)', () => ({ path: `/posts?${week}` })],
    ['GET', '/integrations/list (list)', () => ({ path: '/integrations/list' })],
    ['GET', '/media (list)', () => ({ path: '/media' })],
    ['GET', '/webhooks (list)', () => ({ path: '/webhooks' })],
    ['GET', '/customers (list)', () => ({ path: '/customers' })],
    ['GET', '/tags (list)', () => ({ path: '/tags' })],
    ['GET', '/notifications (list)', () => ({ path: '/notifications' })],
    ['GET', '/organization/export (list)', () => ({ path: '/organization/export' })],
    ['GET', '/organization/members (list)', () => ({ path: '/organization/members' })],
    ['GET', '/organization/invitations (list)', () => ({ path: '/organization/invitations' })],
    ['GET', '/public/v1/posts (list)', () => ({ path: `/public/v1/posts?${week}` })],
    ['GET', '/public/v1/integrations (list)', () => ({ path: '/public/v1/integrations' })],
    ['GET', '/public/v1/groups (list)', () => ({ path: '/public/v1/groups' })],
    ['GET', '/public/v1/media (list)', () => ({ path: '/public/v1/media' })],
    ['GET', '/public/v1/notifications (list)', () => ({ path: '/public/v1/notifications' })],
  ];
  return [...dashboard, ...pub, ...lists, ...planningIsolationRoutes(a)];
}

const UNKNOWN = () => {
  const u = randomUUID();
  return { post: u, group: u, draft: u, media: u, webhook: u, notification: u, customer: u, tag: u, invitation: u, user: u, signature: u, channels: { x: u, facebook: u, instagram: u } };
};

/** Every row of B (and the rows hanging off B's), as JSON text, to prove nothing of B's changed. */
async function snapshotOf(databaseUrl, org) {
  const parts = [];
  for (const table of ['Integration', 'Post', 'Media', 'ApiKey', 'Webhook', 'Notification', 'Customer', 'Tag', 'Invitation', 'UserOrganization', 'Signature', 'PreviewLink', 'PreviewComment']) {
    const { rows } = await query(databaseUrl, `SELECT row_to_json(t)::text AS j FROM "${table}" t WHERE "organizationId" = $1 ORDER BY 1`, [org]);
    parts.push(`${table}:${rows.map((r) => r.j).join('\n')}`);
  }
  const { rows } = await query(databaseUrl, `SELECT row_to_json(d)::text AS j FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId" WHERE w."organizationId" = $1 ORDER BY d.id`, [org]);
  parts.push(`WebhookDelivery:${rows.map((r) => r.j).join('\n')}`);
  const links = await query(databaseUrl, `SELECT row_to_json(pt)::text AS j FROM "PostTag" pt JOIN "Post" p ON p.id = pt."postId" WHERE p."organizationId" = $1 ORDER BY pt."postId", pt."tagId"`, [org]);
  parts.push(`PostTag:${links.rows.map((r) => r.j).join('\n')}`);
  const org_ = await query(databaseUrl, `SELECT row_to_json(o)::text AS j FROM "Organization" o WHERE id = $1`, [org]);
  parts.push(org_.rows[0]?.j ?? '');
  return parts.join('\n');
}

/** B's data that must never reach A: ids not in the request, names, content, email, the webhook's URL. */
function bMarkers(B) {
  const ids = B.ids;
  return [ids.organization, ids.user, ids.post, ids.group, ids.draft, ids.draftGroup, ids.media, ids.webhook, ids.delivery, ids.notification, ids.customer, ids.tag, ids.invitation, B.invitee, ids.signature, ids.previewToken, ...Object.values(ids.channels), 'orgb', B.email, B.apiKey].filter(Boolean);
}

async function main() {
  const h = await startTwoOrgs('herald_chaos_isolation');
  const { A, B, databaseUrl } = h;
  const before = await snapshotOf(databaseUrl, B.ids.organization);
  const markers = bMarkers(B);
  const credentials = {
    session: A.session,
    'session+showorg B': A.session.withOrg(B.ids.organization),
    'api key': A.api,
  };
  const table = routes(A.ids, B.ids);
  const matrix = [];
  const leaks = [];
  for (const [method, label, build] of table) {
    const row = { route: `${method} ${label}`, cells: {} };
    for (const [credName, client] of Object.entries(credentials)) {
      // A's API key on a dashboard route, or a session on a public route, is the wrong credential: 401 expected.
      const probe = build(B.ids);
      const res = await client.request(method, probe.path, { json: probe.json });
      const unknown = build(UNKNOWN());
      const control = await client.request(method, unknown.path, { json: unknown.json });
      const body = res.text;
      const leaked = markers.filter((m) => body.includes(m) && !probe.path.includes(m) && !JSON.stringify(probe.json ?? '').includes(m));
      const problems = [];
      if (res.status >= 500) problems.push(`${res.status}`);
      // A 2xx is tolerated only where the contract answers every id alike (Postiz: `[]`, `{"error":true}`,
      // `{"updated":0}`): the very same answer as for an unknown id, with B's rows untouched (checked at the end).
      const asUnknown = (res.status === control.status && res.text === control.text) || label.endsWith('(list)');
      if (res.status >= 200 && res.status < 300 && !asUnknown) problems.push("2xx on B's id");
      if (leaked.length) problems.push(`B data in body: ${leaked.join(', ').slice(0, 120)}`);
      const oracle = !label.endsWith('(list)') && (res.status !== control.status || res.json?.code !== control.json?.code);
      if (oracle) problems.push(`oracle: B's id ${res.status}/${res.json?.code ?? ''} vs unknown ${control.status}/${control.json?.code ?? ''}`);
      row.cells[credName] = `${res.status}${res.status < 300 && asUnknown && !label.endsWith('(list)') ? '=unknown' : ''}${problems.length ? '!' : ''}`;
      if (problems.length) leaks.push(`${row.route} × ${credName}: ${problems.join('; ')} (${body.slice(0, 160)})`);
    }
    matrix.push(row);
  }
  const after = await snapshotOf(databaseUrl, B.ids.organization);
  const changed = before !== after;

  const width = Math.max(...matrix.map((r) => r.route.length));
  const creds = Object.keys(credentials);
  console.log(`isolation-matrix: ${matrix.length} routes × ${creds.length} credentials of organization A against organization B's ids (each also against an unknown id)`);
  console.log(`${'route'.padEnd(width)}  ${creds.map((c) => c.padEnd(18)).join('')}`);
  for (const r of matrix) console.log(`${r.route.padEnd(width)}  ${creds.map((c) => String(r.cells[c]).padEnd(18)).join('')}`);
  const statuses = {};
  for (const r of matrix) for (const c of creds) statuses[r.cells[c].replace(/\D.*$/, '')] = (statuses[r.cells[c].replace(/\D.*$/, '')] ?? 0) + 1;
  console.log(`isolation-matrix statuses: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`isolation-matrix leaks: ${leaks.length} (200=unknown: the contract's answer for any id, identical to an unknown id's)`);
  console.log(`isolation-matrix B's rows changed: ${changed ? 'YES' : 'no'}`);
  for (const line of leaks) log(`leak: ${line}`);
  if (changed) log(`B before:\n${before}\nB after:\n${after}`);
  void quick;
  return leaks.length === 0 && !changed;
}

runMain(main);
