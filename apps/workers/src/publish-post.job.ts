import type { PublishPost } from '@herald/core';
import { bumpCalendarVersion, type PublishJobHandler } from '@herald/queue';
type Redis = Parameters<typeof bumpCalendarVersion>[0];

/**
 * `publish-post`: one post moved forward by the use case; "later" runs the same job again at that time. Whatever
 * the run changed (state, release), the organization's cached calendar is made stale afterwards (`CalendarCache`).
 */
export function publishPostJob(publishPost: PublishPost, redis?: Redis): PublishJobHandler {
  return async (payload, { signal }) => {
    try {
      const result = await publishPost.run(payload, signal);
      return result.kind === 'later' ? { kind: 'later', at: result.at } : { kind: 'done' };
    } finally {
      if (redis) await bumpCalendarVersion(redis, payload.organizationId).catch(() => undefined);
    }
  };
}
