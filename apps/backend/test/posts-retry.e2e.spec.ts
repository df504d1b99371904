import type { PostState } from '@herald/database';
import { PUBLISH_ARM_LEAD_MS } from '@herald/queue';
import { signUp, startTestBackend, type TestBackend } from './harness';
import { addChannel, entry, schedulerOf } from './posts-fixtures';

describe('POST /posts/:id/retry', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  /** A post that went through the worker and ended in `state` (set directly: no worker in these tests). */
  async function postIn(state: PostState, date = '2020-01-01T10:00:00.000Z') {
    const account = await signUp(backend, 'retry');
    const x = await addChannel(backend, account.organization.id, 'x');
    const res = await account.agent.post('/posts').send({ type: 'schedule', date, posts: [entry(x, [{ content: 'root' }, { content: 'reply', delay: 1 }])] }).expect(201);
    const { postId, group } = (res.body as { postId: string; group: string }[])[0]!;
    await schedulerOf(backend).cancel(postId);
    await backend.db.post.update({ where: { id: postId }, data: { state, error: 'boom', errorCode: 'bad_content', attempts: 3, ...(state === 'PUBLISHED' ? { releaseId: '99', releaseURL: 'https://x.com/a/status/99', publishedAt: new Date() } : {}) } });
    return { ...account, postId, group };
  }

  it('puts a failed post back in QUEUE and runs it now', async () => {
    const { agent, postId } = await postIn('ERROR');
    const before = Date.now();
    const res = await agent.post(`/posts/${postId}/retry`).send({}).expect(200);
    expect(res.body).toMatchObject({ id: postId, state: 'QUEUE' });
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ state: 'QUEUE', error: null, errorCode: null, attempts: 0 });
    const job = await schedulerOf(backend).getJob(postId);
    // A worker of a concurrently running suite may already hold it; when it is still here, it is due now.
    if (job) expect(job.wakeAt.getTime()).toBeLessThan(before + 60_000);
  });

  it('keeps a future date when the failed post is not due yet', async () => {
    const { agent, postId } = await postIn('ERROR', '2031-06-01T10:00:00.000Z');
    await agent.post(`/posts/${postId}/retry`).expect(200);
    const job = await schedulerOf(backend).getJob(postId);
    expect(Math.abs((job!.wakeAt.getTime() + PUBLISH_ARM_LEAD_MS) - Date.parse('2031-06-01T10:00:00.000Z'))).toBeLessThan(60_000);
  });

  it('never re-publishes a published post without an explicit request', async () => {
    const { agent, postId } = await postIn('PUBLISHED');
    const res = await agent.post(`/posts/${postId}/retry`).send({}).expect(409);
    expect(res.body.code).toBe('post_already_published');
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).state).toBe('PUBLISHED');
    expect(await schedulerOf(backend).getJob(postId)).toBeUndefined();
  });

  it('republishes on request, forgetting the earlier release', async () => {
    const { agent, postId } = await postIn('PUBLISHED', '2031-06-01T10:00:00.000Z');
    await agent.post(`/posts/${postId}/retry`).send({ republish: true }).expect(200);
    expect(await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ state: 'QUEUE', releaseId: null, releaseURL: null, publishedAt: null });
    expect((await schedulerOf(backend).getJob(postId))?.id).toBe(postId);
  });

  it('retries an UNCONFIRMED post only once the person says it is not on the platform', async () => {
    const { agent, postId } = await postIn('UNCONFIRMED', '2031-06-01T10:00:00.000Z');
    await agent.post(`/posts/${postId}/retry`).send({}).expect(409);
    await agent.post(`/posts/${postId}/retry`).send({ notPublished: true }).expect(200);
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).state).toBe('QUEUE');
  });

  it.each<PostState>(['QUEUE', 'DRAFT', 'PUBLISHING'])('has nothing to retry in %s', async (state) => {
    const { agent, postId } = await postIn(state);
    expect((await agent.post(`/posts/${postId}/retry`).send({}).expect(409)).body.code).toBe('conflict');
    expect((await backend.db.post.findUniqueOrThrow({ where: { id: postId } })).state).toBe(state);
  });

  it('refuses unknown fields in the body', async () => {
    const { agent, postId } = await postIn('ERROR');
    await agent.post(`/posts/${postId}/retry`).send({ force: true }).expect(400);
  });
});
