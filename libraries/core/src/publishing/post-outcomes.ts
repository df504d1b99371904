import type { PublishingPost } from '@herald/database';
import type { PublishingDeps } from './publishing.ports';

/** Tells the organization that a post failed for good, with the reason. */
export async function failPost(deps: PublishingDeps, post: PublishingPost, errorCode: string, reason: string): Promise<void> {
  await deps.repository.notify({
    organizationId: post.organizationId,
    type: 'post.failed',
    postId: post.id,
    integrationId: post.integrationId,
    message: `A post to ${post.integration.providerIdentifier} failed (${errorCode}): ${reason}`,
  });
}

/** After a post is out: its reply or comment becomes due after its delay, as its own job. */
export async function announcePublished(deps: PublishingDeps, post: PublishingPost, publishedAt: Date): Promise<void> {
  const child = await deps.repository.scheduleNextChild(post.id, publishedAt);
  if (child) await deps.jobs.schedule({ postId: child.id, organizationId: child.organizationId }, child.runAt);
}
