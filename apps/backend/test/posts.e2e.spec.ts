import { randomUUID } from 'node:crypto';
import { PUBLISH_ARM_LEAD_MS } from '@herald/queue';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, countPosts, entry, schedulerOf, SETTINGS, uploadImage } from './posts-fixtures';

type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
interface Created {
  postId: string;
  integration: string;
  group: string;
}

const AT = '2031-03-10T14:30:00.000Z';

describe('posts: create, edit, move, delete', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  async function org(label = 'posts') {
    const account = await signUp(backend, label);
    const orgId = account.organization.id;
    const x = await addChannel(backend, orgId, 'x');
    const ig = await addChannel(backend, orgId, 'instagram');
    const fb = await addChannel(backend, orgId, 'facebook');
    return { ...account, orgId, x, ig, fb };
  }

  async function create(agent: Agent, body: Record<string, unknown>): Promise<Created[]> {
    const res = await agent.post('/posts').send(body).expect(201);
    return res.body as Created[];
  }

  it('schedules one group across X, Instagram and Facebook, with one delayed job per post whose id is the post id', async () => {
    const { agent, orgId, x, ig, fb } = await org();
    const created = await create(agent, {
      type: 'schedule',
      date: AT,
      posts: [entry(x, [{ content: 'Launch day' }]), entry(ig, [{ content: 'Launch day', image: [await uploadImage(backend, orgId)] }]), entry(fb, [{ content: 'Launch day' }])],
    });

    expect(created.map((c) => c.integration)).toEqual([x.id, ig.id, fb.id]);
    const groups = new Set(created.map((c) => c.group));
    expect(groups.size).toBe(1);
    for (const { postId } of created) {
      const row = await backend.db.post.findUniqueOrThrow({ where: { id: postId } });
      expect(row).toMatchObject({ state: 'QUEUE', parentPostId: null, publishDate: new Date(AT) });
      const job = await schedulerOf(backend).getJob(postId);
      expect(job).toMatchObject({ id: postId, name: 'publish-post', data: { postId, organizationId: row.organizationId }, state: 'delayed' });
      expect(Math.abs((job!.wakeAt.getTime() + PUBLISH_ARM_LEAD_MS) - Date.parse(AT))).toBeLessThan(60_000);
    }
  });

  it('stores a thread as a chain of QUEUE children and queues only its root', async () => {
    const { agent, x } = await org();
    const [created] = await create(agent, {
      type: 'schedule',
      date: AT,
      posts: [entry(x, [{ content: 'one' }, { content: 'two', delay: 5 }, { content: 'three', delay: 10 }])],
    });
    const rows = await backend.db.post.findMany({ where: { group: created!.group }, orderBy: { delay: 'asc' } });
    expect(rows).toHaveLength(3);
    const [root, second, third] = rows;
    expect(root).toMatchObject({ id: created!.postId, parentPostId: null, delay: 0, state: 'QUEUE' });
    expect(second).toMatchObject({ parentPostId: root!.id, delay: 5, state: 'QUEUE', content: 'two', publishDate: new Date(AT) });
    expect(third).toMatchObject({ parentPostId: second!.id, delay: 10, state: 'QUEUE', content: 'three' });
    expect(await schedulerOf(backend).getJob(second!.id)).toBeUndefined();
    expect(await schedulerOf(backend).getJob(third!.id)).toBeUndefined();
  });

  it('never queues a draft', async () => {
    const { agent, ig } = await org();
    // A draft is only checked for emptiness: Instagram's media rule waits until it is scheduled.
    const [created] = await create(agent, { type: 'draft', date: AT, posts: [entry(ig, [{ content: 'idea' }])] });
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } })).toMatchObject({ state: 'DRAFT' });
    expect(await schedulerOf(backend).getJob(created!.postId)).toBeUndefined();
  });

  it('publishes `now` at once, whatever the date says', async () => {
    const { agent, x } = await org();
    const before = Date.now();
    const [created] = await create(agent, { type: 'now', date: '2040-01-01T00:00:00Z', posts: [entry(x, [{ content: 'right now' }])] });
    const row = await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } });
    expect(row.publishDate.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.publishDate.getTime()).toBeLessThan(Date.parse('2040-01-01T00:00:00Z'));
    const job = await schedulerOf(backend).getJob(created!.postId);
    // A worker of a concurrently running suite may already hold it; when it is still here, it has no delay.
    if (job) expect(job.delay).toBe(0);
  });

  it('stores the date in UTC and refuses a date it cannot read, writing nothing', async () => {
    const { agent, orgId, x } = await org();
    const [created] = await create(agent, { type: 'schedule', date: '2031-05-01T12:00:00+02:00', posts: [entry(x, [{ content: 'offset' }])] });
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: created!.postId } })).publishDate.toISOString()).toBe('2031-05-01T10:00:00.000Z');

    for (const date of ['tomorrow', '2031-02-30T10:00:00Z', '2031-05-01T25:00:00Z', 1234]) {
      const res = await agent.post('/posts').send({ type: 'schedule', date, posts: [entry(x, [{ content: 'bad date' }])] }).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'date' })] });
    }
    expect(await countPosts(backend, orgId)).toBe(1);
  });

  it('accepts extra fields and empty-string ids as Postiz clients send them', async () => {
    const { agent, x } = await org();
    const res = await agent
      .post('/posts')
      .send({ type: 'schedule', date: AT, shortLink: false, tags: [], order: '', unknown: 1, posts: [{ ...entry(x, [{ content: 'hi', id: '' }]), group: '', extra: true }] })
      .expect(201);
    expect(res.body).toHaveLength(1);
  });

  describe('PUT /posts/:group', () => {
    it('replaces the group: edited rows keep their id, the job moves, and dropped channels are cancelled with their job', async () => {
      const { agent, x, fb } = await org();
      const [cx, cfb] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'v1' }]), entry(fb, [{ content: 'v1' }])] });
      const later = '2031-03-11T08:00:00.000Z';
      const res = await agent
        .put(`/posts/${cx!.group}`)
        .send({ type: 'schedule', date: later, posts: [entry(x, [{ id: cx!.postId, content: 'v2' }])] })
        .expect(200);
      expect(res.body).toEqual([{ postId: cx!.postId, integration: x.id, group: cx!.group }]);

      expect(await backend.db.post.findUniqueOrThrow({ where: { id: cx!.postId } })).toMatchObject({ content: 'v2', state: 'QUEUE', publishDate: new Date(later), deletedAt: null });
      const job = await schedulerOf(backend).getJob(cx!.postId);
      expect(job?.id).toBe(cx!.postId);
      expect(Math.abs((job!.wakeAt.getTime() + PUBLISH_ARM_LEAD_MS) - Date.parse(later))).toBeLessThan(60_000);

      const dropped = await backend.db.post.findUniqueOrThrow({ where: { id: cfb!.postId } });
      expect(dropped.state).toBe('CANCELLED');
      expect(dropped.deletedAt).not.toBeNull();
      expect(await schedulerOf(backend).getJob(cfb!.postId)).toBeUndefined();
    });

    it('turning a scheduled group into a draft removes its job', async () => {
      const { agent, x } = await org();
      const [c] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'v1' }])] });
      await agent.put(`/posts/${c!.group}`).send({ type: 'draft', date: AT, posts: [entry(x, [{ id: c!.postId, content: 'v1' }])] }).expect(200);
      expect((await backend.db.post.findUniqueOrThrow({ where: { id: c!.postId } })).state).toBe('DRAFT');
      expect(await schedulerOf(backend).getJob(c!.postId)).toBeUndefined();
    });

    it('validates like a create and changes nothing on failure', async () => {
      const { agent, x } = await org();
      const [c] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'v1' }])] });
      await agent.put(`/posts/${c!.group}`).send({ type: 'schedule', date: AT, posts: [entry(x, [{ id: c!.postId, content: 'x'.repeat(281) }])] }).expect(400);
      expect((await backend.db.post.findUniqueOrThrow({ where: { id: c!.postId } })).content).toBe('v1');
    });

    it('refuses to rewrite a published post unless asked to republish', async () => {
      const { agent, x } = await org();
      const [c] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'v1' }])] });
      await backend.db.post.update({ where: { id: c!.postId }, data: { state: 'PUBLISHED', releaseId: '123', publishedAt: new Date() } });
      await schedulerOf(backend).cancel(c!.postId);

      const res = await agent.put(`/posts/${c!.group}`).send({ type: 'schedule', date: AT, posts: [entry(x, [{ id: c!.postId, content: 'v2' }])] }).expect(409);
      expect(res.body.code).toBe('post_already_published');
      expect(await schedulerOf(backend).getJob(c!.postId)).toBeUndefined();

      await agent.put(`/posts/${c!.group}`).send({ type: 'schedule', date: AT, republish: true, posts: [entry(x, [{ id: c!.postId, content: 'v2' }])] }).expect(200);
      expect(await backend.db.post.findUniqueOrThrow({ where: { id: c!.postId } })).toMatchObject({ state: 'QUEUE', content: 'v2', releaseId: null });
      expect((await schedulerOf(backend).getJob(c!.postId))?.id).toBe(c!.postId);
    });
  });

  describe('PUT /posts/:id/date', () => {
    it('moves the post and its thread, and replaces the job', async () => {
      const { agent, x } = await org();
      const [c] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'one' }, { content: 'two', delay: 3 }])] });
      const to = '2031-04-01T09:15:00-04:00';
      const res = await agent.put(`/posts/${c!.postId}/date`).send({ date: to }).expect(200);
      expect(res.body).toEqual({ id: c!.postId, state: 'QUEUE', publishDate: '2031-04-01T13:15:00.000Z' });

      const rows = await backend.db.post.findMany({ where: { group: c!.group } });
      expect(rows.map((r) => r.publishDate.toISOString())).toEqual(['2031-04-01T13:15:00.000Z', '2031-04-01T13:15:00.000Z']);
      const job = await schedulerOf(backend).getJob(c!.postId);
      expect(job?.id).toBe(c!.postId);
      expect(Math.abs((job!.wakeAt.getTime() + PUBLISH_ARM_LEAD_MS) - Date.parse('2031-04-01T13:15:00.000Z'))).toBeLessThan(60_000);
    });

    it('refuses a date it cannot read, and a published post', async () => {
      const { agent, x } = await org();
      const [c] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'one' }])] });
      await agent.put(`/posts/${c!.postId}/date`).send({ date: 'next tuesday' }).expect(400);
      await agent.put(`/posts/${c!.postId}/date`).send({}).expect(400);
      await backend.db.post.update({ where: { id: c!.postId }, data: { state: 'PUBLISHED' } });
      expect((await agent.put(`/posts/${c!.postId}/date`).send({ date: AT }).expect(409)).body.code).toBe('post_already_published');
    });
  });

  describe('DELETE /posts/:group', () => {
    it('soft-deletes every row, cancels what was not published, and removes the jobs', async () => {
      const { agent, x, fb } = await org();
      const [cx, cfb] = await create(agent, { type: 'schedule', date: AT, posts: [entry(x, [{ content: 'a' }, { content: 'b' }]), entry(fb, [{ content: 'a' }])] });
      await backend.db.post.update({ where: { id: cfb!.postId }, data: { state: 'PUBLISHED' } });

      const res = await agent.delete(`/posts/${cx!.group}`).expect(200);
      expect(res.body).toEqual({ group: cx!.group, deleted: 3 });
      const rows = await backend.db.post.findMany({ where: { group: cx!.group } });
      expect(rows.every((r) => r.deletedAt !== null)).toBe(true);
      expect(rows.filter((r) => r.state === 'CANCELLED')).toHaveLength(2);
      expect(rows.find((r) => r.id === cfb!.postId)?.state).toBe('PUBLISHED');
      expect(await schedulerOf(backend).getJob(cx!.postId)).toBeUndefined();

      await agent.delete(`/posts/${cx!.group}`).expect(404);
      await agent.get(`/posts/${cx!.postId}`).expect(404);
    });
  });

  describe('GET /posts/:id', () => {
    it('returns the whole group, shaped to be edited and sent back', async () => {
      const { agent, orgId, x, ig } = await org();
      const image = await uploadImage(backend, orgId);
      const [cx] = await create(agent, {
        type: 'schedule',
        date: AT,
        posts: [entry(x, [{ content: 'one' }, { content: 'two', delay: 2 }]), entry(ig, [{ content: 'pic', image: [image] }])],
      });
      const res = await agent.get(`/posts/${cx!.postId}`).expect(200);
      expect(res.body).toMatchObject({
        group: cx!.group,
        type: 'schedule',
        date: AT,
        posts: expect.arrayContaining([
          expect.objectContaining({
            integration: { id: x.id, providerIdentifier: 'x', name: x.name, picture: null },
            settings: { __type: 'x', ...SETTINGS.x },
            value: [expect.objectContaining({ id: cx!.postId, content: 'one', delay: 0, state: 'QUEUE' }), expect.objectContaining({ content: 'two', delay: 2 })],
          }),
          expect.objectContaining({ integration: expect.objectContaining({ id: ig.id }), value: [expect.objectContaining({ content: 'pic', image: [image] })] }),
        ]),
      });
      // Sent back as it is (plus nothing), it is a valid replacement.
      await agent.put(`/posts/${cx!.group}`).send(res.body).expect(200);
      expect(await backend.db.post.count({ where: { group: cx!.group, deletedAt: null } })).toBe(3);
    });
  });

  it('answers 404 for ids of another organization on every route that takes one, and never leaks them', async () => {
    const owner = await org('owner');
    const other = await org('other');
    const [c] = await create(owner.agent, { type: 'schedule', date: AT, posts: [entry(owner.x, [{ content: 'mine' }])] });
    const body = { type: 'schedule', date: AT, posts: [entry(other.x, [{ content: 'theirs' }])] };
    for (const id of [c!.postId, 'not-a-uuid', randomUUID()]) {
      await other.agent.get(`/posts/${id}`).expect(404);
      await other.agent.put(`/posts/${id}/date`).send({ date: AT }).expect(404);
      await other.agent.post(`/posts/${id}/retry`).send({}).expect(404);
    }
    for (const group of [c!.group, 'not-a-group']) {
      expect((await other.agent.put(`/posts/${group}`).send(body).expect(404)).body.code).toBe('not_found');
      await other.agent.delete(`/posts/${group}`).expect(404);
    }
    // A channel of another organization is simply not found.
    const res = await other.agent.post('/posts').send({ type: 'schedule', date: AT, posts: [entry(owner.x, [{ content: 'x' }])] }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ channel: owner.x.id, code: 'channel_not_found' })]);
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: c!.postId } })).toMatchObject({ content: 'mine', deletedAt: null, state: 'QUEUE' });
  });
});
