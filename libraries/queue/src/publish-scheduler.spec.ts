import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PublishScheduler } from './publish-scheduler';
import { createPublishWorker } from './publish-worker';
import { PUBLISH_ARM_LEAD_MS, publishChangedChannel } from './queue-names';

// Against the real Redis, under a prefix of its own so no worker of another test picks the jobs up.
describe('PublishScheduler', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5');
  const now = 1_900_000_000_000;
  const prefix = `herald-test-${randomUUID()}`;
  const scheduler = new PublishScheduler(redis, { prefix, now: () => now });

  afterAll(async () => {
    await scheduler.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('queues a delayed job whose id is the post id, waking PUBLISH_ARM_LEAD_MS before the post', async () => {
    const postId = randomUUID();
    await scheduler.schedule(postId, 'org-1', new Date(now + 60_000));
    const job = await scheduler.getJob(postId);
    expect(job).toMatchObject({ id: postId, name: 'publish-post', data: { postId, organizationId: 'org-1' }, delay: 60_000 - PUBLISH_ARM_LEAD_MS, state: 'delayed' });
  });

  it('takes a post due within the lead at once', async () => {
    const postId = randomUUID();
    await scheduler.schedule(postId, 'org-1', new Date(now + PUBLISH_ARM_LEAD_MS - 1_000));
    expect((await scheduler.getJob(postId))?.state).toBe('waiting');
  });

  it('replaces the job when a post is rescheduled', async () => {
    const postId = randomUUID();
    await scheduler.schedule(postId, 'org-1', new Date(now + 60_000));
    await scheduler.reschedule(postId, 'org-1', new Date(now + 120_000));
    expect((await scheduler.getJob(postId))?.delay).toBe(120_000 - PUBLISH_ARM_LEAD_MS);
  });

  it('never queues a job in the past: a due post runs at once', async () => {
    const postId = randomUUID();
    await scheduler.schedule(postId, 'org-1', new Date(now - 60_000));
    const job = await scheduler.getJob(postId);
    expect(job?.delay).toBe(0);
    expect(job?.state).toBe('waiting');
  });

  it('cancels a job, and cancelling a missing one is harmless', async () => {
    const postId = randomUUID();
    await scheduler.schedule(postId, 'org-1', new Date(now + 60_000));
    await scheduler.cancel(postId);
    await scheduler.cancel(postId);
    expect(await scheduler.getJob(postId)).toBeUndefined();
  });

  it('tells the worker holding a job that its post changed, when the job cannot be replaced', async () => {
    // A real scheduler and worker (real clock) under a prefix of their own; the worker holds its job until released.
    const ownPrefix = `herald-test-${randomUUID()}`;
    const live = new PublishScheduler(redis, { prefix: ownPrefix });
    const listener = redis.duplicate();
    const heard: string[] = [];
    listener.on('message', (_channel: string, postId: string) => heard.push(postId));
    await listener.subscribe(publishChangedChannel(ownPrefix));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let taken = () => {};
    const takenJob = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const workerRedis = redis.duplicate({ maxRetriesPerRequest: null });
    const worker = createPublishWorker(
      async () => {
        taken();
        await held;
        return { kind: 'done' };
      },
      { connection: workerRedis, concurrency: 1, prefix: ownPrefix },
    );
    try {
      const waiting = randomUUID();
      await live.schedule(waiting, 'org-1', new Date(Date.now() + 60_000));
      await live.schedule(waiting, 'org-1', new Date(Date.now() + 120_000));
      await live.cancel(waiting);

      const armed = randomUUID();
      await live.schedule(armed, 'org-1', new Date());
      await takenJob;
      await live.schedule(armed, 'org-1', new Date());
      await live.cancel(armed);
      const deadline = Date.now() + 5_000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // Only the held job's changes are announced; a waiting job was simply replaced or removed.
      expect(heard).toEqual([armed, armed]);
    } finally {
      release();
      await worker.close();
      await live.close();
      listener.disconnect();
      workerRedis.disconnect();
      const keys = await redis.keys(`${ownPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  });
});
