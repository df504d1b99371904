// Two organizations, A and B, on a backend of their own (fresh database, own redis-server, the sandbox), each with
// everything a route can take an id of: channels (X through the real OAuth flow, Instagram and Facebook rows),
// posts (scheduled, draft, a thread), media, a webhook with a delivery, notifications, an API key, a customer over
// its X channel, a tag, and a pending invitation.
import { randomUUID } from 'node:crypto';
import {
  Client,
  connectChannel,
  createApiKey,
  freePort,
  freshDatabase,
  heraldEnv,
  query,
  signUp,
  startBackend,
  startRedisServer,
  startSandbox,
} from '../../bench/lib/stack.mjs';
import { seedPlanning } from './planning-cases.mjs';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const SETTINGS = { x: { who_can_reply_post: 'everyone' }, instagram: { post_type: 'post' }, facebook: {} };

async function seedOrg(base, env, databaseUrl, agent, label, persona, recorder) {
  const { client: session, user, organization } = await signUp(base, label, recorder);
  const apiKey = await createApiKey(session);
  const api = new Client(base, { apiKey, origin: undefined, recorder });
  const x = await connectChannel(session, agent, 'x', { persona });
  const ids = { organization: organization.id, user: user.id, channels: { x: x.id } };
  for (const provider of ['instagram', 'facebook']) {
    const id = randomUUID();
    await query(
      databaseUrl,
      `INSERT INTO "Integration" (id, "organizationId", "internalId", name, "providerIdentifier", token, "updatedAt") VALUES ($1, $2, $3, $4, $5, 'not-a-token', now())`,
      [id, organization.id, `${label}-${provider}-${id.slice(0, 8)}`, `${label} ${provider}`, provider],
    );
    ids.channels[provider] = id;
  }
  const inOneDay = new Date(Date.now() + 24 * 3600_000).toISOString();
  const entry = (provider, value) => ({ integration: { id: ids.channels[provider] }, value, settings: SETTINGS[provider] });
  const scheduled = await session.post('/posts', { type: 'schedule', date: inOneDay, shortLink: false, tags: [], posts: [entry('x', [{ content: `${label} scheduled post` }, { content: `${label} reply`, delay: 1 }])] });
  const draft = await session.post('/posts', { type: 'draft', date: inOneDay, shortLink: false, tags: [], posts: [entry('facebook', [{ content: `${label} draft post` }])] });
  if (scheduled.status !== 201 || draft.status !== 201) throw new Error(`posts for ${label}: ${scheduled.status} ${scheduled.text} / ${draft.status} ${draft.text}`);
  ids.post = scheduled.json[0].postId;
  ids.group = scheduled.json[0].group;
  ids.draft = draft.json[0].postId;
  ids.draftGroup = draft.json[0].group;
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), `${label}.png`);
  const media = await session.request('POST', '/media/upload', { body: form });
  if (media.status !== 201) throw new Error(`upload for ${label}: ${media.status} ${media.text}`);
  ids.media = media.json.id;
  ids.mediaPath = new URL(media.json.path).pathname;
  const hook = await session.post('/webhooks', { name: `${label} hook`, url: `https://hooks.example.com/${label}`, integrations: [ids.channels.x], events: ['post.published'] });
  if (hook.status !== 201) throw new Error(`webhook for ${label}: ${hook.status} ${hook.text}`);
  ids.webhook = hook.json.id;
  ids.delivery = randomUUID();
  await query(databaseUrl, `INSERT INTO "WebhookDelivery" (id, "webhookId", event, payload, status) VALUES ($1, $2, 'post.published', '{}', 'delivered')`, [ids.delivery, ids.webhook]);
  const customer = await session.post('/customers', { name: `${label} customer` });
  if (customer.status !== 201) throw new Error(`customer for ${label}: ${customer.status} ${customer.text}`);
  ids.customer = customer.json.id;
  const assigned = await session.put(`/integrations/${ids.channels.x}/customer`, { customerId: ids.customer });
  if (assigned.status !== 200) throw new Error(`customer of ${label}'s channel: ${assigned.status} ${assigned.text}`);
  const tag = await session.post('/tags', { name: `${label} tag` });
  if (tag.status !== 201) throw new Error(`tag for ${label}: ${tag.status} ${tag.text}`);
  ids.tag = tag.json.id;
  const invitee = `${label}-invitee-${randomUUID().slice(0, 8)}@example.test`;
  const invitation = await session.post('/organization/invitations', { email: invitee, role: 'MEMBER' });
  if (invitation.status !== 201) throw new Error(`invitation for ${label}: ${invitation.status} ${invitation.text}`);
  ids.invitation = invitation.json.id;
  ids.notification = randomUUID();
  await query(databaseUrl, `INSERT INTO "Notification" (id, "organizationId", type, message, "postId") VALUES ($1, $2, 'post.failed', $3, $4)`, [ids.notification, organization.id, `${label} secret notification`, ids.post]);
  await seedPlanning(session, ids);
  return { label, session, api, apiKey, ids, email: session.email, invitee };
}

/** Starts everything and seeds A and B. `recorder` (an array) receives every HTTP exchange. */
export async function startTwoOrgs(name, { recorder } = {}) {
  const databaseUrl = await freshDatabase(name);
  const redis = await startRedisServer();
  const { sandbox, agent } = await startSandbox();
  const port = await freePort();
  const env = heraldEnv({ databaseUrl, redisUrl: redis.url, sandbox, port, extra: { LOG_LEVEL: 'warn' } });
  const backend = await startBackend(env);
  const base = `http://127.0.0.1:${port}`;
  const A = await seedOrg(base, env, databaseUrl, agent, 'orga', 'alice', recorder);
  const B = await seedOrg(base, env, databaseUrl, agent, 'orgb', 'bob', recorder);
  return { base, env, databaseUrl, redis, sandbox, agent, backend, A, B };
}
