import { randomUUID } from 'node:crypto';
import { signRequest } from '@herald/crypto';
import { DEMO_CREDENTIALS } from '@herald/sandbox';
import request from 'supertest';
import { signUp } from './harness';
import { consent, type PlatformHarness, startPlatformHarness } from './platform-harness';

const ALICE_FACEBOOK_USER = '100000000000101';

// Each request of the spec issued a second before the last one, counted from one instant: two requests of one second
// would be one request (same payload, same signature), and the second a replay. (Counting back from each call's own
// clock gave two requests the same second whenever the clock ticked between them.)
const FIRST_ISSUED = Math.floor(Date.now() / 1000);
let issued = 0;

function signed(userId: string, secret: string = DEMO_CREDENTIALS.facebook.appSecret, issuedAt = FIRST_ISSUED - issued++) {
  return signRequest({ algorithm: 'HMAC-SHA256', user_id: userId, issued_at: issuedAt }, secret);
}

describe("Meta's deauthorize and data-deletion callbacks", () => {
  let h: PlatformHarness;

  beforeAll(async () => {
    h = await startPlatformHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function connectPage(label: string) {
    const session = await signUp(h.backend, label);
    const url = ((await session.agent.get('/integrations/social/facebook').expect(200)).body as { url: string }).url;
    const first = await session.agent.post('/integrations/social/facebook/connect').send(await consent(h, url)).expect(200);
    await session.agent.post(`/integrations/${first.body.id}/pages`).send({ pageId: '110000000000101' }).expect(200);
    const post = await h.backend.db.post.create({
      data: {
        organizationId: session.organization.id,
        integrationId: first.body.id,
        group: randomUUID(),
        state: 'QUEUE',
        publishDate: new Date(Date.now() + 3600_000),
        content: 'Fresh bread at 8',
      },
    });
    return { ...session, channelId: first.body.id as string, postId: post.id };
  }

  function callback(path: string, signedRequest: string) {
    return request(h.backend.server).post(`/integrations/meta/${path}`).type('form').send({ signed_request: signedRequest });
  }

  it('deauthorize flags the channel, cancels its queued posts and notifies the organization', async () => {
    const a = await connectPage('deauth');
    const res = await callback('deauthorize', signed(ALICE_FACEBOOK_USER)).expect(200);
    expect(res.body).toEqual({ success: true });
    const channel = await h.backend.db.integration.findUniqueOrThrow({ where: { id: a.channelId } });
    expect(channel.refreshNeeded).toBe(true);
    const post = await h.backend.db.post.findUniqueOrThrow({ where: { id: a.postId } });
    expect(post).toMatchObject({ state: 'CANCELLED', errorCode: 'channel_deauthorized' });
    expect(post.error).toMatch(/reconnect/i);
    const notes = await h.backend.db.notification.findMany({ where: { organizationId: a.organization.id } });
    expect(notes).toEqual([expect.objectContaining({ type: 'channel.refresh_needed', integrationId: a.channelId })]);
  });

  it.each([
    ['a wrong signature', () => signed(ALICE_FACEBOOK_USER, 'not-the-secret')],
    ['an old request', () => signed(ALICE_FACEBOOK_USER, DEMO_CREDENTIALS.facebook.appSecret, Math.floor(Date.now() / 1000) - 86_400)],
    ['garbage', () => 'not.a-signed-request'],
  ])('refuses %s with 400 and changes nothing', async (_name, make) => {
    const a = await connectPage(`refuse${Math.random().toString(36).slice(2, 6)}`);
    const res = await callback('deauthorize', make()).expect(400);
    expect(res.body.code).toBe('invalid_signed_request');
    expect((await h.backend.db.integration.findUniqueOrThrow({ where: { id: a.channelId } })).refreshNeeded).toBe(false);
    await request(h.backend.server).post('/integrations/meta/deauthorize').type('form').send({}).expect(400);
  });

  it('refuses a replay of a request it took (400 signed_request_replayed), changing nothing more', async () => {
    const a = await connectPage('replay');
    const once = signed(ALICE_FACEBOOK_USER);
    await callback('deauthorize', once).expect(200);
    await h.backend.db.integration.update({ where: { id: a.channelId }, data: { refreshNeeded: false } });
    const again = await callback('deauthorize', once).expect(400);
    expect(again.body.code).toBe('signed_request_replayed');
    expect((await h.backend.db.integration.findUniqueOrThrow({ where: { id: a.channelId } })).refreshNeeded).toBe(false);
    // Nor is it taken as a data deletion request.
    expect((await callback('data-deletion', once).expect(400)).body.code).toBe('signed_request_replayed');
    expect((await h.backend.db.integration.findUniqueOrThrow({ where: { id: a.channelId } })).deletedAt).toBeNull();
  });

  it('accepts the Instagram app secret too (Instagram Login channels)', async () => {
    const session = await signUp(h.backend, 'igdeauth');
    const url = ((await session.agent.get('/integrations/social/instagram-standalone').expect(200)).body as { url: string }).url;
    const res = await session.agent.post('/integrations/social/instagram-standalone/connect').send(await consent(h, url, { persona: 'bob' })).expect(200);
    const row = await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } });
    await callback('deauthorize', signed(row.internalId, DEMO_CREDENTIALS.instagram.appSecret)).expect(200);
    expect((await h.backend.db.integration.findUniqueOrThrow({ where: { id: res.body.id } })).refreshNeeded).toBe(true);
  });

  it('data deletion erases the tokens and profile, keeps the text, and answers with a working status page', async () => {
    const a = await connectPage('deletion');
    const res = await callback('data-deletion', signed(ALICE_FACEBOOK_USER)).expect(200);
    expect(res.body).toEqual({ url: expect.stringMatching(/\/integrations\/meta\/data-deletion\/[A-Za-z0-9_-]+$/), confirmation_code: expect.any(String) });
    expect(res.body.url).toContain(res.body.confirmation_code);

    const channel = await h.backend.db.integration.findUniqueOrThrow({ where: { id: a.channelId } });
    expect(channel).toMatchObject({ token: '', tokenSecret: null, refreshToken: null, picture: null, profile: null, name: 'Deleted account' });
    expect(channel.deletedAt).not.toBeNull();
    const post = await h.backend.db.post.findUniqueOrThrow({ where: { id: a.postId } });
    expect(post).toMatchObject({ content: 'Fresh bread at 8', state: 'CANCELLED' });
    expect((await a.agent.get('/integrations/list').expect(200)).body.integrations).toEqual([]);

    const path = new URL(res.body.url).pathname;
    const html = await request(h.backend.server).get(path).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain(res.body.confirmation_code);
    const json = await request(h.backend.server).get(path).set('Accept', 'application/json').expect(200);
    expect(json.body).toMatchObject({ confirmationCode: res.body.confirmation_code, status: 'completed', platform: 'facebook' });
    expect(json.body.channelsAffected).toBeGreaterThanOrEqual(1);
    await request(h.backend.server).get('/integrations/meta/data-deletion/unknown-code-123').expect(404);
    // The platform user's id is not stored in clear.
    const stored = await h.backend.db.dataDeletionRequest.findUniqueOrThrow({ where: { confirmationCode: res.body.confirmation_code } });
    expect(JSON.stringify(stored)).not.toContain(ALICE_FACEBOOK_USER);
  });
});
