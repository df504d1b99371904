import type { PublishingPost } from '@herald/database';
import type { OutcomeHint, PublishOutcome } from '@herald/providers';
import { htmlToPlainText } from '@herald/shared';
import { channelRef, isRefusal, providerOf, tokensOf } from './channel-access';
import { done, later, type PublishingDeps, type PublishRunResult } from './publishing.ports';
import { announcePublished, failPost } from './post-outcomes';

const EARLY_TOLERANCE_MS = 1_000;

/** The stored hint, as the provider gave it (publish-failure.ts writes it). */
export function hintOf(value: unknown): OutcomeHint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const hint: OutcomeHint = {};
  if ('containerId' in value && typeof value.containerId === 'string') hint.containerId = value.containerId;
  if ('duplicate' in value && value.duplicate === true) hint.duplicate = true;
  return Object.keys(hint).length ? hint : undefined;
}

/**
 * Settles an UNCONFIRMED post by asking the platform (`checkOutcome`): found → PUBLISHED with its id;
 * certainly absent → back to QUEUE (safe to publish again); otherwise checked again later, and after a bound the
 * post stays UNCONFIRMED and the person is told. A post the platform refused as a duplicate is settled the same way,
 * but it is never sent again: its live copy is either its own (PUBLISHED) or someone else's (ERROR).
 */
export class ResolveUnconfirmed {
  constructor(private readonly deps: PublishingDeps) {}

  async run(post: PublishingPost): Promise<PublishRunResult> {
    const now = this.deps.now();
    // No next check: the bound was reached and the person decides.
    if (!post.notBefore) return done('unconfirmed');
    if (post.notBefore.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return later(post.notBefore, 'check_not_due');
    const hint = hintOf(post.outcomeHint);
    const attemptStart = post.attemptStartedAt ?? post.updatedAt;
    // After a duplicate refusal the live copy may be older than this attempt: it is looked for from the post's making.
    const outcome = await this.check(post, hint, hint?.duplicate ? post.createdAt : attemptStart);
    this.deps.logger.debug({ postId: post.id, outcome: outcome.status, attemptStart, checks: post.outcomeChecks }, 'outcome checked');
    // Timelines lag: absence is judged from when the attempt's last request could still arrive.
    const attemptEnd = post.attemptEndedAt ?? attemptStart;
    if (hint?.duplicate) return this.afterDuplicate(post, outcome, now, attemptEnd);
    switch (outcome.status) {
      case 'published': {
        const release = { releaseId: outcome.id ?? null, releaseURL: outcome.url ?? null, publishedAt: now };
        if (!(await this.deps.unconfirmed.resolvePublished(post, release))) return done('moved_on');
        this.deps.logger.info({ postId: post.id, releaseId: outcome.id }, 'unknown outcome resolved: published');
        await announcePublished(this.deps, post, release);
        return done('published');
      }
      case 'not_published':
        return this.requeue(post, now);
      case 'not_found':
        // Absence proves something only once the attempt has settled, and only where the check can see this kind of
        // post (comments do not show in a feed).
        if (this.absenceIsProof(post) && this.settled(attemptEnd, now)) return this.requeue(post, now);
        return this.checkAgain(post, now);
      case 'pending':
        return this.checkAgain(post, now);
    }
  }

  /**
   * A timeline can lag behind a write: absence proves nothing until the attempt has had time to show, counted from
   * its end (its last request may have left long after it began: media uploads, a lease that ran out mid-call).
   */
  private settled(attemptEnd: Date, now: Date): boolean {
    return now.getTime() - attemptEnd.getTime() >= this.deps.options.notFoundSettleMs;
  }

  /** Root posts always; a thread's later post only where the provider's check can see it (`findsReplies`). */
  private absenceIsProof(post: PublishingPost): boolean {
    if (!post.parentPostId) return true;
    const provider = providerOf(this.deps.providers, post.integration);
    return !isRefusal(provider) && provider.findsReplies === true;
  }

  private async check(post: PublishingPost, hint: OutcomeHint | undefined, since: Date): Promise<PublishOutcome> {
    const provider = providerOf(this.deps.providers, post.integration);
    if (isRefusal(provider)) return { status: 'pending' };
    try {
      return await provider.checkOutcome({
        channel: channelRef(post.integration),
        tokens: tokensOf(post.integration, this.deps.cipher),
        // What was sent: the plain text of the stored HTML.
        text: htmlToPlainText(post.content),
        since,
        hint,
      });
    } catch (error: unknown) {
      this.deps.logger.warn({ err: error, postId: post.id }, 'outcome check failed; checking again later');
      return { status: 'pending' };
    }
  }

  /**
   * The platform refused the post as a copy of a live one. Found, and held by no other post of the channel: it is
   * this post's own, published by an attempt whose answer was lost, and the post is PUBLISHED with its id. Not found
   * once the refused attempt has settled, or held by another post: the live copy is someone else's, and sending again
   * would be refused again, so the post fails, saying so.
   */
  private async afterDuplicate(post: PublishingPost, outcome: PublishOutcome, now: Date, attemptEnd: Date): Promise<PublishRunResult> {
    if (outcome.status === 'pending' || (outcome.status !== 'published' && !this.settled(attemptEnd, now))) return this.checkAgain(post, now);
    const found = outcome.status === 'published' && outcome.id ? outcome : undefined;
    if (found?.id && !(await this.deps.unconfirmed.releaseTaken(post.integrationId, found.id, post.id))) {
      const release = { releaseId: found.id, releaseURL: found.url ?? null, publishedAt: now };
      if (!(await this.deps.unconfirmed.resolvePublished(post, release))) return done('moved_on');
      this.deps.logger.info({ postId: post.id, releaseId: found.id }, 'duplicate refusal resolved: the live copy is this post');
      await announcePublished(this.deps, post, release);
      return done('published');
    }
    const platform = post.integration.providerIdentifier;
    const reason = `${platform} refused this post as identical to one already live that Herald did not publish from it: change the text and retry`;
    if (!(await this.deps.unconfirmed.resolveFailed(post, { error: reason, errorCode: 'bad_content' }))) return done('moved_on');
    await failPost(this.deps, post, 'bad_content', reason);
    return done('failed');
  }

  private async requeue(post: PublishingPost, now: Date): Promise<PublishRunResult> {
    if (!(await this.deps.unconfirmed.resolveNotPublished(post, now))) return done('moved_on');
    this.deps.logger.info({ postId: post.id }, 'unknown outcome resolved: not published, queued again');
    return later(now, 'requeued');
  }

  private async checkAgain(post: PublishingPost, now: Date): Promise<PublishRunResult> {
    const checks = post.outcomeChecks + 1;
    if (checks >= this.deps.options.maxOutcomeChecks) {
      if (await this.deps.unconfirmed.countOutcomeCheck(post, null, 'The platform never confirmed whether this post went out: check the channel, then retry or dismiss it')) {
        const notification = await this.deps.notifications.notify({
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
    if (!(await this.deps.unconfirmed.countOutcomeCheck(post, at))) return done('moved_on');
    return later(at, 'check_again');
  }
}
