import request from 'supertest';
import { FRONTEND, signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry, uploadImage } from './posts-fixtures';

const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('client preview links', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });
  // Every test comes from the same address: each starts with the preview throttles empty.
  beforeEach(async () => {
    const keys = await backend.redis.keys('herald:throttle:preview:*');
    if (keys.length > 0) await backend.redis.del(...keys);
  });

  /** A visitor without an account, as the preview page calls the API. */
  const visitor = () => ({
    get: (token: string) => request(backend.server).get(`/preview/${token}`),
    comment: (token: string, body: unknown) => request(backend.server).post(`/preview/${token}/comments`).set('Origin', FRONTEND).send(body as object),
  });

  async function groupWithPreview(label: string) {
    const account = await signUp(backend, label);
    const x = await addChannel(backend, account.organization.id, 'x', { name: 'Bakery X' });
    const fb = await addChannel(backend, account.organization.id, 'facebook', { name: 'Bakery Page' });
    const image = await uploadImage(backend, account.organization.id, 'a.jpg');
    const created = (
      await account.agent
        .post('/posts')
        .send({ type: 'schedule', date: ahead(3), posts: [entry(x, [{ content: 'Secret launch', image: [{ path: image.path }] }, { content: 'thread' }]), entry(fb, [{ content: 'On the page' }])] })
        .expect(201)
    ).body as { postId: string; group: string }[];
    const group = created[0]?.group ?? '';
    const link = (await account.agent.post(`/posts/${group}/preview`).send({}).expect(201)).body as { url: string; expiresAt: string | null };
    const token = link.url.split('/p/')[1] ?? '';
    return { ...account, group, link, token, image, postId: created[0]?.postId ?? '' };
  }

  it('shows the post as each platform will, and nothing else of the organization', async () => {
    const { link, token, organization, user, group, postId, image } = await groupWithPreview('preview');
    expect(link.url).toMatch(new RegExp(`^${FRONTEND}/p/[A-Za-z0-9_-]{43}$`));
    expect(link.expiresAt).toBeNull();
    const res = await visitor().get(token).expect(200);
    expect(res.body).toMatchObject({
      expiresAt: null,
      comments: [],
      channels: [
        { name: 'Bakery X', identifier: 'x', entries: [{ content: 'Secret launch', media: [{ path: image.path }] }, { content: 'thread', media: [] }] },
        { name: 'Bakery Page', identifier: 'facebook', entries: [{ content: 'On the page', media: [] }] },
      ],
    });
    // (The media's own public URL names the organization's upload folder, as every upload URL does.)
    const shown = res.text.split(image.path).join('');
    for (const secret of [organization.id, user.id, group, postId, 'token', 'integrationId']) expect(shown).not.toContain(secret);
  });

  it('takes comments from the client, shows them on the post and tells the organization', async () => {
    const { agent, token, group, postId } = await groupWithPreview('comments');
    const saved = await visitor().comment(token, { name: ' Clara (client) ', content: 'Love it — can we add the price?' }).expect(201);
    expect(saved.body).toMatchObject({ name: 'Clara (client)', content: 'Love it — can we add the price?' });
    expect((await visitor().get(token).expect(200)).body.comments).toEqual([expect.objectContaining({ name: 'Clara (client)' })]);
    const listed = (await agent.get(`/posts/${group}/comments`).expect(200)).body as { comments: { name: string; content: string }[] };
    expect(listed.comments).toEqual([expect.objectContaining({ name: 'Clara (client)', content: 'Love it — can we add the price?' })]);
    const notes = (await agent.get('/notifications').expect(200)).body as { notifications: { type: string; postId?: string; message: string }[] };
    expect(notes.notifications[0]).toMatchObject({ type: 'post.comment', postId });
    expect(notes.notifications[0]?.message).toContain('Clara (client)');
  });

  it.each<[string, unknown, string]>([
    ['no name', { content: 'hi' }, 'name'],
    ['a blank comment', { name: 'A', content: '   ' }, 'content'],
    ['a huge comment', { name: 'A', content: 'x'.repeat(2001) }, 'content'],
    ['a name object', { name: { a: 1 }, content: 'hi' }, 'name'],
  ])('refuses a comment with %s', async (_case, body, field) => {
    const { token, group, organization } = await groupWithPreview('comments-bad');
    expect((await visitor().comment(token, body).expect(400)).body).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
    expect(await backend.db.previewComment.count({ where: { organizationId: organization.id, group } })).toBe(0);
  });

  it('rate-limits comments from one address', async () => {
    const { token } = await groupWithPreview('comments-spam');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await visitor().comment(token, { name: 'Bot', content: `spam ${i}` })).status);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    expect(statuses).toContain(429);
  });

  it('revokes, replaces and expires links; an unknown, revoked or expired link answers like any unknown one', async () => {
    const { agent, token, group } = await groupWithPreview('revoke');
    expect((await agent.get(`/posts/${group}/preview`).expect(200)).body.url).toContain(token);
    const replaced = (await agent.post(`/posts/${group}/preview`).send({ expiresAt: ahead(7) }).expect(201)).body as { url: string; expiresAt: string };
    expect(replaced.expiresAt).not.toBeNull();
    const fresh = replaced.url.split('/p/')[1] ?? '';
    const unknown = (await visitor().get('A'.repeat(43)).expect(404)).body;
    expect((await visitor().get(token).expect(404)).body).toEqual(unknown);
    await visitor().get(fresh).expect(200);
    await agent.delete(`/posts/${group}/preview`).expect(200);
    await agent.delete(`/posts/${group}/preview`).expect(404);
    expect((await visitor().get(fresh).expect(404)).body).toEqual(unknown);
    await visitor().comment(fresh, { name: 'A', content: 'late' }).expect(404);
    await visitor().get('../../etc/passwd').expect(404);

    const expiring = (await agent.post(`/posts/${group}/preview`).send({ expiresAt: ahead(1) }).expect(201)).body as { url: string };
    await backend.db.previewLink.updateMany({ where: { group }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor().get(expiring.url.split('/p/')[1] ?? '').expect(404)).body).toEqual(unknown);
    // A deleted post takes its preview with it.
    const again = (await agent.post(`/posts/${group}/preview`).send({}).expect(201)).body as { url: string };
    await agent.delete(`/posts/${group}`).expect(200);
    await visitor().get(again.url.split('/p/')[1] ?? '').expect(404);
  });

  it('refuses a bad expiry, and another organization’s group', async () => {
    const { agent, group } = await groupWithPreview('preview-bad');
    for (const expiresAt of ['tomorrow', ahead(-1), ahead(400), 5]) {
      expect((await agent.post(`/posts/${group}/preview`).send({ expiresAt }).expect(400)).body).toMatchObject({ code: 'validation_failed' });
    }
    const other = await signUp(backend, 'preview-other');
    await other.agent.post(`/posts/${group}/preview`).send({}).expect(404);
    await other.agent.get(`/posts/${group}/preview`).expect(404);
    await other.agent.delete(`/posts/${group}/preview`).expect(404);
    await other.agent.get(`/posts/${group}/comments`).expect(404);
  });
});
