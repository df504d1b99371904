import type { PublishingPost } from '@herald/database';
import type { OutcomeHint, PublishOutcome } from '@herald/providers';
import { htmlToPlainText } from '@herald/shared';
import { channelRef, isRefusal, providerOf, tokensOf } from './channel-access';
import { done, later, type PublishingDeps, type PublishRunResult } from './publishing.ports';
import { announcePublished } from './post-outcomes';

const EARLY_TOLERANCE_MS = 1_000;

function hintOf(value: unknown): OutcomeHint | undefined {
  if (typeof value !== 'object' || value === null || !('containerId' in value)) return undefined;
  return typeof value.containerId === 'string' ? { containerId: value.containerId } : undefined;
}

/**
 * Settles an UNCONFIRMED post by asking the platform (`checkOutcome`): found → PUBLISHED with its id;
 * certainly absent → back to QUEUE (safe to publish again); otherwise checked again later, and after a bound the
 * post stays UNCONFIRMED and the person is told.
 */
export class ResolveUnconfirmed {
  constructor(private readonly deps: PublishingDeps) {}

  async run(post: PublishingPost): Promise<PublishRunResult> {
    const now = this.deps.now();
    // No next check: the bound was reached and the person decides.
    if (!post.notBefore) return done('unconfirmed');
    if (post.notBefore.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return later(post.notBefore, 'check_not_due');
    const outcome = await this.check(post);
    const since = post.attemptStartedAt ?? post.updatedAt;
    switch (outcome.status) {
      case 'published': {
        const release = { releaseId: outcome.id ?? null, releaseURL: outcome.url ?? null, publishedAt: now };
        if (!(await this.deps.repository.resolvePublished(post.id, release))) return done('moved_on');
        this.deps.logger.info({ postId: post.id, releaseId: outcome.id }, 'unknown outcome resolved: published');
        await announcePublished(this.deps, post, release);
        return done('published');
      }
      case 'not_published':
        return this.requeue(post, now);
      case 'not_found':
        // A timeline can lag behind a write: absence proves nothing until the attempt has settled, and only where
        // the check can see this kind of post (comments do not show in a feed).
        if (this.absenceIsProof(post) && now.getTime() - since.getTime() >= this.deps.options.notFoundSettleMs) return this.requeue(post, now);
        return this.checkAgain(post, now);
      case 'pending':
        return this.checkAgain(post, now);
    }
  }

  private absenceIsProof(post: PublishingPost): boolean {
    return !post.parentPostId || post.integration.providerIdentifier === 'x';
  }

  private async check(post: PublishingPost): Promise<PublishOutcome> {
    const provider = providerOf(this.deps.providers, post.integration);
    if (isRefusal(provider)) return { status: 'pending' };
    try {
      return await provider.checkOutcome({
        channel: channelRef(post.integration),
        tokens: tokensOf(post.integration, this.deps.cipher),
        // What was sent: the plain text of the stored HTML.
        text: htmlToPlainText(post.content),
        since: post.attemptStartedAt ?? post.updatedAt,
        hint: hintOf(post.outcomeHint),
      });
    } catch (error: unknown) {
      this.deps.logger.warn({ err: error, postId: post.id }, 'outcome check failed; checking again later');
      return { status: 'pending' };
    }
  }

  private async requeue(post: PublishingPost, now: Date): Promise<PublishRunResult> {
    if (!(await this.deps.repository.resolveNotPublished(post.id, now))) return done('moved_on');
    this.deps.logger.info({ postId: post.id }, 'unknown outcome resolved: not published, queued again');
    return later(now, 'requeued');
  }

  private async checkAgain(post: PublishingPost, now: Date): Promise<PublishRunResult> {
    const checks = post.outcomeChecks + 1;
    if (checks >= this.deps.options.maxOutcomeChecks) {
      if (await this.deps.repository.countOutcomeCheck(post.id, post.outcomeChecks, null, 'The platform never confirmed whether this post went out: check the channel, then retry or dismiss it')) {
        const notification = await this.deps.repository.notify({
          organizationId: post.organizationId,
          type: 'post.unconfirmed',
          postId: post.id,
          integrationId: post.integrationId,
          message: `Herald could not confirm whether a post to ${post.integration.providerIdentifier} was published: check the channel before retrying it`,
        });
        await this.deps.alerts?.({ notificationId: notification.id, organizationId: post.organizationId, kind: 'post_unconfirmed' });
      }
      return done('unconfirmed');
    }
    const at = new Date(now.getTime() + this.deps.options.checkIntervalMs);
    if (!(await this.deps.repository.countOutcomeCheck(post.id, post.outcomeChecks, at))) return done('moved_on');
    return later(at, 'check_again');
  }
}
