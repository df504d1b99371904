import type { PublishPost } from '@herald/core';
import type { PublishJobHandler } from '@herald/queue';

/** `publish-post`: one post moved forward by the use case; "later" runs the same job again at that time. */
export function publishPostJob(publishPost: PublishPost): PublishJobHandler {
  return async (payload, { signal }) => {
    const result = await publishPost.run(payload, signal);
    return result.kind === 'later' ? { kind: 'later', at: result.at } : { kind: 'done' };
  };
}
