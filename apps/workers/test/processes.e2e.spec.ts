import { connectChannel, createPost, FAST_PUBLISHING, type Harness, ledgerWith, startHarness, unique, waitFor, waitForState } from './support/harness';
import { spawnWorker, type WorkerProcess } from './support/worker-processes';

// Several worker processes against one queue and one database: each post goes out exactly once, even when a worker
// is killed with SIGKILL in the middle of a publish.
describe('worker processes', () => {
  let h: Harness;
  const processes: WorkerProcess[] = [];
  const workerOptions = { publishing: FAST_PUBLISHING, lockDurationMs: 3_000, stalledIntervalMs: 1_000 };
  const spawn = async () => {
    const worker = await spawnWorker({ ...h.env, NODE_EXTRA_CA_CERTS: h.sandbox.caCertPath, WORKER_CONCURRENCY: '4' }, workerOptions);
    processes.push(worker);
    return worker;
  };

  beforeAll(async () => {
    h = await startHarness({ database: 'herald_pub_processes', redisDb: 12 });
  }, 60_000);

  afterEach(async () => {
    h.sandbox.faults.clear();
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('three worker processes publish 50 posts with no duplicate', async () => {
    await Promise.all([spawn(), spawn(), spawn()]);
    const channels = [await connectChannel(h, 'x', { persona: 'alice' }), await connectChannel(h, 'x', { persona: 'bob' }), await connectChannel(h, 'facebook', { pageId: '110000000000101' })];
    const due = new Date(Date.now() + 2_000);
    const posts: { id: string; text: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const channel = channels[i % channels.length];
      const text = unique(`burst ${i}`);
      const [id = ''] = await createPost(h, { integrationId: channel?.id ?? '', content: text, publishDate: due });
      posts.push({ id, text });
    }
    for (const post of posts) expect((await waitForState(h, post.id, ['PUBLISHED', 'ERROR'], 90_000)).state).toBe('PUBLISHED');
    for (const post of posts) expect(ledgerWith(h, post.text)).toHaveLength(1);
    const owners = await h.db.post.count({ where: { id: { in: posts.map((p) => p.id) }, leaseOwner: { not: null } } });
    expect(owners).toBe(0);
  }, 120_000);

  it('loses and duplicates nothing when a worker is killed with SIGKILL mid-publish', async () => {
    const victim = await spawn();
    const channel = await connectChannel(h, 'x', { persona: 'carol' });
    // The tweet is created, then X takes long to answer: the worker dies holding the lease and the answer.
    h.sandbox.faults.add({ accountId: channel.internalId, method: 'POST', path: '/2/tweets', action: { type: 'delay', ms: 6_000 }, count: 1 });
    const text = unique('killed mid-publish');
    const [postId = ''] = await createPost(h, { integrationId: channel.id, content: text, publishDate: new Date() });
    // Other posts in flight on another channel: none may be lost with the worker.
    const neighbour = await connectChannel(h, 'x', { persona: 'alice' });
    const others: { id: string; text: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const other = unique(`around the kill ${i}`);
      const [id = ''] = await createPost(h, { integrationId: neighbour.id, content: other, publishDate: new Date(Date.now() + 1_500) });
      others.push({ id, text: other });
    }
    await waitFor('the tweet to reach the sandbox', () => Promise.resolve(ledgerWith(h, text).length === 1), 30_000);
    expect((await h.db.post.findUniqueOrThrow({ where: { id: postId } })).state).toBe('PUBLISHING');
    await victim.kill();

    await spawn();
    const post = await waitForState(h, postId, ['PUBLISHED', 'ERROR'], 90_000);
    const tweets = ledgerWith(h, text);
    expect(tweets).toHaveLength(1);
    expect(post).toMatchObject({ state: 'PUBLISHED', releaseId: tweets[0]?.releaseId });
    for (const other of others) {
      expect((await waitForState(h, other.id, ['PUBLISHED', 'ERROR'], 90_000)).state).toBe('PUBLISHED');
      expect(ledgerWith(h, other.text)).toHaveLength(1);
    }
  }, 150_000);
});
