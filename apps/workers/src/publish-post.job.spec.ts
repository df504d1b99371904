import { randomUUID } from 'node:crypto';
import { createRedis, type PublishPost } from '@herald/core';
import { CalendarCache } from '@herald/queue';
import { publishPostJob } from './publish-post.job';

// A publish job changes a post's state: the organization's cached calendar must not outlive it (docs/performance.md).
describe('publishPostJob and the calendar cache', () => {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5', 'publish-job-spec');
  afterAll(() => redis.disconnect());

  it.each([
    ['done', () => Promise.resolve({ kind: 'done' })],
    ['failed', () => Promise.reject(new Error('provider down'))],
  ])('drops the organization’s cached ranges after a run (%s)', async (_label, run) => {
    const cache = new CalendarCache(redis);
    const organizationId = randomUUID();
    const entry = await cache.lookup(organizationId, 'week');
    await cache.store(organizationId, 'week', entry.version, '{"posts":[]}');
    expect((await cache.lookup(organizationId, 'week')).body).toBe('{"posts":[]}');
    const handler = publishPostJob({ run } as unknown as PublishPost, redis);
    await handler({ postId: randomUUID(), organizationId }, { jobId: 'j' }).catch(() => undefined);
    expect((await cache.lookup(organizationId, 'week')).body).toBeUndefined();
  });
});
