import type { PublishingPost } from '@herald/database';
import { isProviderError, type OutcomeHint } from '@herald/providers';
import type { ChannelTokenManager } from '../channels/channel-token-manager';
import type { ChannelPauses } from './channel-pauses';
import { decideFailure, type FailureDecision } from './failure-policy';
import { isLeaseLost } from './lease-heartbeat';
import { PostMediaError } from './post-media';
import { failPost } from './post-outcomes';
import { done, later, type PublishingDeps, type PublishRunResult } from './publishing.ports';

/** A thread's later post whose parent has no known id on the platform: it cannot be sent. */
export class MissingParentError extends Error {
  constructor() {
    super('The post this one replies to has no known id on the platform');
    this.name = 'MissingParentError';
  }
}

/**
 * What a leased attempt that did not publish leaves behind: the post back in QUEUE (a retry after backoff, or after
 * a rate limit's reset), UNCONFIRMED (the request may have gone through: checked, never resent blindly), or ERROR,
 * with the person told. `decideFailure` (failure-policy.ts) reads the platform's answer; this applies the decision.
 */
export class PublishFailure {
  constructor(
    private readonly deps: PublishingDeps,
    /** The lease owner: every write here requires it. */
    private readonly owner: string,
    private readonly refresher: ChannelTokenManager,
    private readonly pauses: ChannelPauses,
  ) {}

  /** The request could not be built (token unreadable, media refused): the leased post fails without a call. */
  async unprepared(post: PublishingPost, error: Error): Promise<PublishRunResult> {
    const media = error instanceof PostMediaError;
    const reason = media ? error.message : 'The channel token cannot be decrypted with ENCRYPTION_KEY: reconnect the channel';
    if (!media) await this.refresher.requireReconnect(post.integration, 'its stored token is unreadable');
    if (await this.deps.leases.fail(post.id, this.owner, { error: reason, errorCode: media ? 'bad_content' : 'channel_token_unreadable' })) {
      await failPost(this.deps, post, media ? 'bad_content' : 'channel_token_unreadable', reason);
    }
    return done('failed');
  }

  /** The platform call (or something around it) threw while the lease was held. */
  async after(post: PublishingPost, error: unknown): Promise<PublishRunResult> {
    const now = this.deps.now();
    if (error instanceof MissingParentError) return this.failLeased(post, 'parent_unknown', error.message);
    if (isLeaseLost(error)) return this.leaseLost(post, now);
    if (!isProviderError(error)) {
      // Not a platform answer: we cannot know whether the request left, so it is checked, never resent blindly.
      this.deps.logger.error({ err: error, postId: post.id }, 'unexpected failure while publishing');
      return this.unconfirmed(post, undefined, error instanceof Error ? error.message : 'Unexpected failure while publishing');
    }
    const decision = decideFailure(error, post.attempts + 1, this.deps.options, now);
    this.deps.logger.warn({ postId: post.id, kind: error.kind, action: decision.action, platform: error.platform }, 'publish attempt failed');
    return this.apply(post, decision);
  }

  private async apply(post: PublishingPost, decision: FailureDecision): Promise<PublishRunResult> {
    const { leases } = this.deps;
    switch (decision.action) {
      case 'rate_limited':
        await this.pauses.apply(post, [{ scope: decision.scope, until: decision.until }]);
        await leases.release(post.id, this.owner, { notBefore: decision.until, countAttempt: false, error: decision.message, errorCode: 'rate_limited' });
        return later(decision.until, 'rate_limited');
      case 'retry':
        await leases.release(post.id, this.owner, { notBefore: decision.at, countAttempt: true, error: decision.message, errorCode: 'retrying' });
        return later(decision.at, 'retry');
      case 'unconfirmed':
        return this.unconfirmed(post, decision.hint, decision.message);
      case 'refresh':
      case 'reconnect':
        await this.refresher.requireReconnect(post.integration, decision.message);
        return this.failLeased(post, 'channel_refresh_needed', `The channel must be reconnected: ${decision.message}`);
      case 'fail':
        return this.failLeased(post, decision.errorCode, decision.message);
    }
  }

  /**
   * The lease ran out before the request that makes the post visible could start (providers check the lease's
   * signal first): nothing of it reached the platform. Handed back to the queue if the row is still this worker's;
   * otherwise (Postgres unreachable, or the lease already expired) the cron or a job settles it with an outcome check.
   */
  private async leaseLost(post: PublishingPost, now: Date): Promise<PublishRunResult> {
    const released = await this.deps.leases.release(post.id, this.owner, { notBefore: now, countAttempt: false }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, postId: post.id }, 'could not hand back a post whose lease ran out; its outcome check settles it');
      return false;
    });
    return later(released ? now : new Date(now.getTime() + this.deps.options.leaseMs), 'lease_lost');
  }

  private async unconfirmed(post: PublishingPost, hint: OutcomeHint | undefined, message: string): Promise<PublishRunResult> {
    // A duplicate refusal names a copy that is already live: no need to give the platform time before looking.
    const checkAt = new Date(this.deps.now().getTime() + (hint?.duplicate ? 0 : this.deps.options.firstCheckDelayMs));
    const hintJson = hint?.containerId || hint?.duplicate ? { ...hint } : null;
    await this.deps.leases.markUnconfirmed(post.id, this.owner, { hint: hintJson, error: `Outcome unknown, checking with the platform: ${message}`, checkAt, endedAt: this.deps.now() });
    return later(checkAt, 'unconfirmed');
  }

  private async failLeased(post: PublishingPost, errorCode: string, message: string): Promise<PublishRunResult> {
    if (await this.deps.leases.fail(post.id, this.owner, { error: message, errorCode })) await failPost(this.deps, post, errorCode, message);
    return done('failed');
  }
}
