import type { PublishingPost, RecordedPublication } from '@herald/database';
import type { PublishingDeps } from './publishing.ports';

/** Tells the organization that a post failed for good, with the reason. */
export async function failPost(deps: PublishingDeps, post: PublishingPost, errorCode: string, reason: string): Promise<void> {
  const notification = await deps.notifications.notify({
    organizationId: post.organizationId,
    type: 'post.failed',
    postId: post.id,
    integrationId: post.integrationId,
    message: `A post to ${post.integration.providerIdentifier} failed (${errorCode}): ${reason}`,
  });
  await deps.alerts?.({ notificationId: notification.id, organizationId: post.organizationId, kind: 'post_failed' });
  await deps.events?.(post.organizationId, 'post.failed', { postId: post.id, integrationId: post.integrationId, errorCode, error: reason });
}

/**
 * After a post is out: webhooks hear of it, its reply or comment becomes due after its delay, as its own job, and a
 * recurring post's next occurrence is planned.
 * `recorded` is what the statement that marked the post PUBLISHED already did (the child made due, the webhooks
 * read); without it both are looked up here.
 */
export async function announcePublished(
  deps: PublishingDeps,
  post: PublishingPost,
  release: { releaseId: string | null; releaseURL: string | null; publishedAt: Date },
  recorded?: RecordedPublication,
): Promise<void> {
  const payload = {
    postId: post.id,
    integrationId: post.integrationId,
    releaseId: release.releaseId,
    releaseURL: release.releaseURL,
    publishedAt: release.publishedAt.toISOString(),
  };
  await deps.events?.(post.organizationId, 'post.published', payload, recorded?.subscribers);
  const child = recorded ? recorded.nextChild : await deps.publications.scheduleNextChild(post.id, release.publishedAt);
  if (child) await deps.jobs.schedule(child.id, child.organizationId, child.runAt);
  // Only recurring roots cost anything more: the next occurrence, keyed so that a re-run never makes two.
  if (post.intervalInDays !== null && post.parentPostId === null) await deps.repeat?.(post);
}
