import type { ArmedPost, PostRef, PublishingPost, RecordedPublication, Release } from '@herald/database';
import { type ChannelTokens, isProviderError, type PublishedPost, type PublishInput, type SocialProvider } from '@herald/providers';
import type { ChannelTokenManager } from '../channels/channel-token-manager';
import type { ChannelPauses } from './channel-pauses';
import { LeaseHeartbeat } from './lease-heartbeat';
import { announcePublished } from './post-outcomes';
import { MissingParentError, type PublishFailure } from './publish-failure';
import { done, later, type PublishingDeps, type PublishRunResult } from './publishing.ports';
import type { Slots } from './slots';
import { TickBatch } from './tick-batch';

const RECORD_HOLD_MS = 1_000;
const RECORD_SETTLE_MS = 200;
// Leases of an instant go in statements of this many posts, so the first calls can leave while the rest are taken.
const LEASE_BATCH = 50;

/**
 * One attempt at a post that is due: lease → send → record. The lease is taken at once, or, for an armed post, in
 * one statement with the other posts of its instant, and only if the row is still the version that was checked. The
 * platform call runs in one of the worker's call slots with the lease renewed; records of a burst go in one
 * statement. What a failed attempt leaves behind is `PublishFailure`'s.
 */
export class PublishAttempt {
  private readonly armedLeases: TickBatch<ArmedPost, Date | undefined>;
  private readonly records: TickBatch<{ postId: string; release: Release }, RecordedPublication | undefined>;

  constructor(
    private readonly deps: PublishingDeps,
    /** Names this worker on the leases it takes (host, pid, random). */
    private readonly owner: string,
    /** The worker's platform calls in flight at once. */
    private readonly calls: Slots,
    private readonly refresher: ChannelTokenManager,
    private readonly pauses: ChannelPauses,
    private readonly failure: PublishFailure,
  ) {
    this.armedLeases = new TickBatch(
      async (posts) => {
        const now = deps.now();
        const until = new Date(now.getTime() + deps.options.leaseMs);
        const leased = await deps.leases.takeArmedLeases(posts, owner, until, now);
        return grantOnce(posts, leased).map((granted) => (granted ? until : undefined));
      },
      { maxItems: LEASE_BATCH },
    );
    // Posts sent are recorded once no call is in flight or waiting and a moment has passed (a burst's calls go
    // first, this worker's and, mostly, the others'), or after RECORD_HOLD_MS at most. Until then a crash would
    // leave the post UNCONFIRMED, to be found on the platform by the outcome check.
    this.records = new TickBatch(
      async (items) => {
        const recorded = await deps.publications.recordPublished(items, owner);
        return items.map((i) => recorded.get(i.postId));
      },
      {
        hold: async () => {
          await firstOf(this.calls.idle(), RECORD_HOLD_MS);
          await new Promise((resolve) => setTimeout(resolve, RECORD_SETTLE_MS));
        },
      },
    );
  }

  /**
   * The armed post's lease, at its minute: until when it is held, or undefined when the row changed since it was
   * checked, or someone else has it.
   */
  leaseArmed(post: ArmedPost): Promise<Date | undefined> {
    return this.armedLeases.add(post);
  }

  /** The lease of a post due now: until when it is held, or undefined when someone else moved the post first. */
  async lease(post: PostRef, now: Date): Promise<Date | undefined> {
    const until = new Date(now.getTime() + this.deps.options.leaseMs);
    return (await this.deps.leases.takeLease(post, this.owner, until, now)) ? until : undefined;
  }

  /**
   * Sends the leased post (held until `heldUntil`) and records the outcome. `input` is the request built ahead, or
   * why it could not be.
   */
  async publish(post: PublishingPost, provider: SocialProvider, input: PublishInput | Error, heldUntil: Date, signal?: AbortSignal): Promise<PublishRunResult> {
    if (input instanceof Error) return this.failure.unprepared(post, input);
    const heartbeat = new LeaseHeartbeat(this.deps, post.id, this.owner, heldUntil);
    this.deps.logger.debug({ postId: post.id, owner: this.owner, attempt: post.attempts + 1 }, 'leased: sending');
    try {
      heartbeat.start();
      // Last look before anything leaves (the wait for a free call may be long): a worker shutting down hands the
      // post back untouched.
      const published = await this.calls.run(async () => (signal?.aborted ? undefined : this.send(post, provider, { ...input, signal: heartbeat.signal })));
      if (!published) {
        await heartbeat.stop();
        await this.deps.leases.release(post.id, this.owner, { notBefore: this.deps.now(), countAttempt: false });
        return later(this.deps.now(), 'shutting_down');
      }
      this.deps.logger.debug({ postId: post.id, releaseId: published.id, owner: this.owner }, 'sent');
      const release = { releaseId: published.id, releaseURL: published.url, publishedAt: this.deps.now() };
      // The lease stays renewed until the outcome is written: the record may wait for the burst to end.
      const recorded = await this.records.add({ postId: post.id, release });
      await heartbeat.stop();
      // Best effort: the post is out and recorded whatever happens here; a pause not written is met again as a 429.
      if (published.pauses) await this.pauses.apply(post, published.pauses).catch((error: unknown) => this.deps.logger.warn({ err: error, postId: post.id }, 'could not pause the channel after its rate-limit window ran out'));
      if (!recorded) {
        this.deps.logger.error({ postId: post.id, releaseId: published.id }, 'published, but the post had moved on: check it by hand');
        return done('published_unrecorded');
      }
      await announcePublished(this.deps, post, release, recorded);
      return done('published');
    } catch (error: unknown) {
      await heartbeat.stop();
      return this.failure.after(post, error);
    }
  }

  /** Publishes (or comments), refreshing an expired token once where the platform allows it. */
  private async send(post: PublishingPost, provider: SocialProvider, input: PublishInput): Promise<PublishedPost> {
    // The wait for a free call may have outlasted the lease.
    input.signal?.throwIfAborted();
    const call = (tokens: ChannelTokens) => this.call(post, provider, { ...input, tokens });
    try {
      return await call(input.tokens);
    } catch (error: unknown) {
      if (!isProviderError(error) || error.kind !== 'refresh_token') throw error;
      const refreshed = await this.refresher.refresh(post.integration);
      if (refreshed.status !== 'refreshed') throw error;
      return call(refreshed.tokens);
    }
  }

  private call(post: PublishingPost, provider: SocialProvider, input: PublishInput): Promise<PublishedPost> {
    if (!post.parentPostId) return provider.publish(input);
    // Each platform says what a thread's later post answers: the post before it, or the first one.
    const parentId = provider.threadReplyTo === 'previous' ? post.parent?.releaseId : post.rootReleaseId;
    if (!parentId) throw new MissingParentError();
    return provider.comment({ ...input, parentId });
  }
}

/**
 * Which callers of a lease batch hold the lease: the first of each leased post only. After Redis lost its jobs, the
 * sweep may queue a post again while this worker still holds its armed job, and both copies can land in one batch.
 */
export function grantOnce(posts: readonly { id: string }[], leased: ReadonlySet<string>): boolean[] {
  const granted = new Set<string>();
  return posts.map((p) => {
    if (!leased.has(p.id) || granted.has(p.id)) return false;
    granted.add(p.id);
    return true;
  });
}

/** Resolves when `promise` does or after `ms`, whichever is first. */
function firstOf(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, elapsed]).finally(() => clearTimeout(timer));
}
