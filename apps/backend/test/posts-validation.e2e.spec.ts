import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, countPosts, entry, IMAGE } from './posts-fixtures';

const AT = '2031-03-10T14:30:00.000Z';
const images = (n: number) => Array.from({ length: n }, (_v, i) => IMAGE(`img${i}`));
const hashtags = (n: number) => Array.from({ length: n }, (_v, i) => `#tag${i}`).join(' ');

describe('posts: validation before anything is written', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  async function org() {
    const account = await signUp(backend, 'validate');
    const orgId = account.organization.id;
    return {
      ...account,
      orgId,
      x: await addChannel(backend, orgId, 'x'),
      ig: await addChannel(backend, orgId, 'instagram'),
      igs: await addChannel(backend, orgId, 'instagram-standalone'),
      fb: await addChannel(backend, orgId, 'facebook'),
    };
  }

  type Org = Awaited<ReturnType<typeof org>>;

  it.each<[string, (o: Org) => ReturnType<typeof entry>, string, string]>([
    ['X: 281 weighted characters', (o) => entry(o.x, [{ content: 'a'.repeat(281) }]), 'text_too_long', 'posts.0.value.0.content'],
    ['X: emoji count 2 (141 of them)', (o) => entry(o.x, [{ content: '🙂'.repeat(141) }]), 'text_too_long', 'posts.0.value.0.content'],
    ['X: 5 images', (o) => entry(o.x, [{ content: 'pics', image: images(5) }]), 'too_many_media', 'posts.0.value.0.image'],
    ['X: a reply too long', (o) => entry(o.x, [{ content: 'ok' }, { content: 'b'.repeat(300) }]), 'text_too_long', 'posts.0.value.1.content'],
    ['Instagram without media', (o) => entry(o.ig, [{ content: 'no picture' }]), 'media_required', 'posts.0.value.0.image'],
    ['Instagram with 31 hashtags', (o) => entry(o.igs, [{ content: hashtags(31), image: images(1) }]), 'too_many_hashtags', 'posts.0.value.0.content'],
    ['Instagram carousel of 11', (o) => entry(o.ig, [{ content: 'carousel', image: images(11) }]), 'too_many_media', 'posts.0.value.0.image'],
  ])('%s → one detail for the channel, nothing written', async (_name, build, code, field) => {
    const o = await org();
    const post = build(o);
    const res = await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [post] }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed', message: expect.any(String) });
    expect(res.body.details).toEqual([expect.objectContaining({ channel: post.integration.id, code, field, message: expect.any(String) })]);
    expect(await countPosts(backend, o.orgId)).toBe(0);
  });

  it('names every failing channel in one answer and writes nothing, not even for the valid channel', async () => {
    const o = await org();
    const res = await o.agent
      .post('/posts')
      .send({
        type: 'schedule',
        date: AT,
        posts: [entry(o.x, [{ content: 'x'.repeat(300) }]), entry(o.ig, [{ content: 'no media' }]), entry(o.fb, [{ content: 'fine' }])],
      })
      .expect(400);
    const channels = (res.body.details as { channel: string }[]).map((d) => d.channel);
    expect(new Set(channels)).toEqual(new Set([o.x.id, o.ig.id]));
    expect(channels).toHaveLength(2);
    expect(await countPosts(backend, o.orgId)).toBe(0);
  });

  it('checks the provider settings of each channel (X needs who_can_reply_post)', async () => {
    const o = await org();
    const res = await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [{ integration: { id: o.x.id }, value: [{ content: 'hi' }], settings: {} }] }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ channel: o.x.id, field: 'posts.0.settings.who_can_reply_post' })]);
    expect(await countPosts(backend, o.orgId)).toBe(0);
  });

  it('lets an X Premium channel post long text', async () => {
    const o = await org();
    const premium = await addChannel(backend, o.orgId, 'x', { settings: { premium: true } });
    await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(premium, [{ content: 'a'.repeat(1000) }])] }).expect(201);
  });

  it.each<[string, Parameters<typeof addChannel>[3], string]>([
    ['disabled', { disabled: true }, 'channel_disabled'],
    ['not set up yet', { inBetweenSteps: true }, 'channel_not_ready'],
    ['deleted', { deletedAt: new Date() }, 'channel_not_found'],
  ])('refuses a %s channel', async (_name, extra, code) => {
    const o = await org();
    const channel = await addChannel(backend, o.orgId, 'facebook', extra);
    const res = await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(o.fb, [{ content: 'ok' }]), entry(channel, [{ content: 'ok' }])] }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ channel: channel.id, field: 'posts.1.integration.id', code })]);
    expect(await countPosts(backend, o.orgId)).toBe(0);
  });

  it('refuses an unknown channel id, a channel given twice, and a body that is not a post', async () => {
    const o = await org();
    const unknown = await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [{ integration: { id: 'nope' }, value: [{ content: 'x' }] }] }).expect(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ channel: 'nope', code: 'channel_not_found' })]);
    const twice = await o.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(o.fb, [{ content: 'a' }]), entry(o.fb, [{ content: 'b' }])] }).expect(400);
    expect(twice.body.details).toEqual([expect.objectContaining({ channel: o.fb.id, code: 'channel_repeated' })]);
    for (const body of [[], 'text', { type: 'schedule', date: AT }, { type: 'schedule', date: AT, posts: [] }, { type: 'weekly', date: AT, posts: [entry(o.fb, [{ content: 'a' }])] }]) {
      const res = await o.agent.post('/posts').send(body as object).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect(await countPosts(backend, o.orgId)).toBe(0);
  });
});
