import { type SandboxHandle } from '../sandbox';
import { type XCredentials, xCall, xConnect } from '../test-support/flows';
import { startTestSandbox } from '../test-support/test-sandbox';

describe('X v2 tweets and users', () => {
  let sb: SandboxHandle;
  let alice: XCredentials;
  beforeEach(async () => {
    sb = await startTestSandbox();
    alice = await xConnect(sb, 'alice');
  });
  afterEach(async () => {
    await sb.close();
  });

  it('GET /2/users/me returns id, name, username plus the requested fields and rate-limit headers', async () => {
    const res = await xCall(sb, alice, 'GET', '/2/users/me?user.fields=profile_image_url,verified,verified_type');
    expect(res.status).toBe(200);
    const data = (res.json() as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ id: alice.userId, name: 'Sandbox Alice', username: 'sandbox_alice', verified: false, verified_type: 'none' });
    expect(data.profile_image_url).toMatch(/^https:\/\/localhost:\d+\/avatars\/x\//);
    expect(data).not.toHaveProperty('created_at');
    expect(res.headers['x-rate-limit-limit']).toBe('75');
    expect(Number(res.headers['x-rate-limit-remaining'])).toBe(74);
    expect(Number(res.headers['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });

  it('refuses an unknown user.fields value with an invalid-request problem', async () => {
    const res = await xCall(sb, alice, 'GET', '/2/users/me?user.fields=username,shoe_size');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request', title: 'Invalid Request' });
  });

  it('creates a tweet (201) and records it in the ledger', async () => {
    const res = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'Hello from Herald' });
    expect(res.status).toBe(201);
    const data = (res.json() as { data: { id: string; text: string; edit_history_tweet_ids: string[] } }).data;
    expect(data.text).toBe('Hello from Herald');
    expect(data.id).toMatch(/^\d{19}$/);
    expect(data.edit_history_tweet_ids).toEqual([data.id]);
    expect(res.headers['x-user-limit-24hour-remaining']).toBeDefined();
    expect(sb.ledger.published).toEqual([expect.objectContaining({ platform: 'x', accountId: alice.userId, releaseId: data.id, text: 'Hello from Herald', kind: 'tweet' })]);
  });

  it('refuses duplicate text from the same user with 403', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'Same words' })).status).toBe(201);
    const dup = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'Same words' });
    expect(dup.status).toBe(403);
    expect(dup.json()).toEqual({ detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
    const bob = await xConnect(sb, 'bob');
    expect((await xCall(sb, bob, 'POST', '/2/tweets', { text: 'Same words' })).status).toBe(201);
  });

  it('counts weighted length: 280 Latin characters pass, 141 CJK characters (282) fail', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'a'.repeat(280) })).status).toBe(201);
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'b'.repeat(281) })).status).toBe(400);
    const cjk = await xCall(sb, alice, 'POST', '/2/tweets', { text: '漢'.repeat(141) });
    expect(cjk.status).toBe(400);
    expect(JSON.stringify(cjk.json())).toContain('Your Tweet text is too long');
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: '字'.repeat(140) })).status).toBe(201);
  });

  it('counts every URL as 23 characters', async () => {
    const text = `${'c'.repeat(256)} https://example.com/${'x'.repeat(100)}`;
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text })).status).toBe(201);
  });

  it('refuses an unknown JSON key (additionalProperties: false)', async () => {
    const res = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'hi', scheduled_at: '2030-01-01' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(res.json())).toContain('scheduled_at');
  });

  it('refuses a non-JSON body and a poll together with media', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/tweets')).status).toBe(400);
    const both = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'x', poll: { options: ['a', 'b'], duration_minutes: 10 }, media: { media_ids: ['123'] } });
    expect(both.status).toBe(400);
  });

  it('threads replies with reply.in_reply_to_tweet_id and finds them through the user timeline', async () => {
    const root = (await xCall(sb, alice, 'POST', '/2/tweets', { text: 'Thread 1/2' })).json() as { data: { id: string } };
    const reply = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'Thread 2/2', reply: { in_reply_to_tweet_id: root.data.id } });
    expect(reply.status).toBe(201);
    const replyId = (reply.json() as { data: { id: string } }).data.id;
    expect(sb.ledger.published[1]).toMatchObject({ replyToId: root.data.id, releaseId: replyId });

    const timeline = await xCall(sb, alice, 'GET', `/2/users/${alice.userId}/tweets?max_results=5&tweet.fields=created_at,conversation_id`);
    const body = timeline.json() as { data: Array<{ id: string; text: string; conversation_id: string }>; meta: { result_count: number } };
    expect(body.meta.result_count).toBe(2);
    expect(body.data.map((t) => t.text)).toEqual(['Thread 2/2', 'Thread 1/2']);
    expect(body.data[0]?.conversation_id).toBe(root.data.id);
  });

  it('refuses a reply to an unknown tweet and a malformed id', async () => {
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'r', reply: { in_reply_to_tweet_id: '1234567890123456789' } })).status).toBe(403);
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'r', reply: { in_reply_to_tweet_id: 'abc' } })).status).toBe(400);
  });

  it('refuses posting with a token granted read-only', async () => {
    const readOnly = await xConnect(sb, 'carol', [['scopes_listed', '1']]);
    const res = await xCall(sb, readOnly, 'POST', '/2/tweets', { text: 'cannot' });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ type: 'https://api.x.com/2/problems/oauth1-permissions' });
  });

  it('answers 429 with problem JSON once the 15-minute window is spent', async () => {
    await sb.close();
    sb = await startTestSandbox({ limits: { xTweetsPer15Min: 2 } });
    alice = await xConnect(sb, 'alice');
    await xCall(sb, alice, 'POST', '/2/tweets', { text: 'one' });
    await xCall(sb, alice, 'POST', '/2/tweets', { text: 'two' });
    const third = await xCall(sb, alice, 'POST', '/2/tweets', { text: 'three' });
    expect(third.status).toBe(429);
    expect(third.json()).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(third.headers['x-rate-limit-remaining']).toBe('0');
    sb.clock.advance(15 * 60_000);
    expect((await xCall(sb, alice, 'POST', '/2/tweets', { text: 'three' })).status).toBe(201);
  });

  it('reports a lookup of an unknown user as a resource-not-found error', async () => {
    const res = await xCall(sb, alice, 'GET', '/2/users/1/tweets');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ errors: [{ type: 'https://api.x.com/2/problems/resource-not-found' }] });
  });
});
