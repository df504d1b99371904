import type { ArmedPost, PublishingPost, RecordedPublication, Release } from '@herald/database';
import { htmlToPlainText } from '@herald/shared';
import { type ChannelTokens, isProviderError, type OutcomeHint, type PublishedPost, type PublishingPause, type PublishingQuota, type PublishingQuotaReader, type PublishInput, type SocialProvider } from '@herald/providers';
import { channelRef, channelRefusal, isRefusal, providerOf, tokensOf } from './channel-access';
import { decideFailure, type FailureDecision } from './failure-policy';
import { LeaseHeartbeat } from './lease-heartbeat';
import { mediaRefsOf, PostMediaError } from './post-media';
import { done, later, type PublishingDeps, type PublishJobRef, type PublishRunResult } from './publishing.ports';
import { announcePublished, failPost } from './post-outcomes';
import { ChannelTokenManager } from '../channels/channel-token-manager';
import { ResolveUnconfirmed } from './resolve-unconfirmed';
import { PostWatch, Slots, type WaitEnd, waitUntil } from './slots';
import { TickBatch } from './tick-batch';

// A job that wakes a little before its lead (clock skew between Redis and us) is still armed rather than bounced.
const EARLY_TOLERANCE_MS = 1_000;
const QUOTA_RECHECK_MS = 3600_000;
const RECORD_HOLD_MS = 1_000;
const RECORD_SETTLE_MS = 200;
// Leases of an instant go in statements of this many posts, so the first calls can leave while the rest are taken.
const LEASE_BATCH = 50;
// A run that keeps finding its post rescheduled within the lead hands it back to the queue after this many waits.
const MAX_WAITS_PER_RUN = 5;

/** A post checked ahead of its minute: at `due` its lease is taken, if nothing changed since, and it goes out. */
interface Armed {
  kind: 'armed';
  post: PublishingPost & { version: string };
  provider: SocialProvider;
  due: Date;
  /** The request, decrypted and built ahead, or why it could not be (reported when the lease is held, at `due`). */
  input: PublishInput | Error;
}

type Step = PublishRunResult | Armed;

export interface PublishPostOptions {
  /** Platform calls in flight at once (publishing, and checking unknown outcomes). */
  concurrency?: number;
}

/**
 * The publish job: moves one post forward from whatever state it is in. QUEUE is published under a lease,
 * UNCONFIRMED is checked, a PUBLISHING row whose lease ran out is recovered; anything else is left alone.
 *
 * Jobs wake `armLeadMs` before their time (the queue adapter sees to it). The post is then loaded and checked, and
 * the job waits in memory until the exact millisecond; only the lease, the platform call and the record remain.
 * Leases and records of posts that share an instant are taken in one statement each. Nothing is ever sent before
 * its time, and an edit, a move or a delete during the wait is honoured: the lease requires the row version that
 * was checked. At most `concurrency` platform calls are in flight; the database work around them is not counted.
 */
export class PublishPost {
  private readonly refresher: ChannelTokenManager;
  private readonly resolver: ResolveUnconfirmed;
  private readonly calls: Slots;
  private readonly armedLeases: TickBatch<ArmedPost, boolean>;
  private readonly records: TickBatch<{ postId: string; release: Release }, RecordedPublication | undefined>;
  /** The runs in progress, by post: `nudge` reaches them. */
  private readonly watches = new Map<string, Set<PostWatch>>();

  constructor(
    private readonly deps: PublishingDeps,
    /** Names this worker on the leases it takes (host, pid, random). */
    private readonly owner: string,
    options: PublishPostOptions = {},
  ) {
    this.refresher = new ChannelTokenManager(deps);
    this.resolver = new ResolveUnconfirmed(deps);
    this.calls = new Slots(options.concurrency ?? 20);
    this.armedLeases = new TickBatch(
      async (posts) => {
        const now = deps.now();
        const leased = await deps.repository.takeArmedLeases(posts, owner, new Date(now.getTime() + deps.options.leaseMs), now);
        return grantOnce(posts, leased);
      },
      { maxItems: LEASE_BATCH },
    );
    // Posts sent are recorded once no call is in flight or waiting and a moment has passed (a burst's calls go
    // first, this worker's and, mostly, the others'), or after RECORD_HOLD_MS at most. Until then a crash would
    // leave the post UNCONFIRMED, to be found on the platform by the outcome check.
    this.records = new TickBatch(
      async (items) => {
        const recorded = await deps.repository.recordPublished(items, owner);
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

  async run(job: PublishJobRef, signal?: AbortSignal): Promise<PublishRunResult> {
    // Watched from the start, so that a change announced while the post is being read is not missed.
    const watch = this.watch(job.postId);
    try {
      let step = await this.step(job, signal);
      for (let waits = 0; waits < MAX_WAITS_PER_RUN; waits++) {
        const at = step.kind === 'armed' ? step.due : step.kind === 'later' ? step.at : undefined;
        // Only a wait shorter than the lead is spent here; a longer one goes back to the queue.
        if (!at || at <= this.deps.now() || at.getTime() > this.deps.now().getTime() + this.deps.options.armLeadMs + EARLY_TOLERANCE_MS) break;
        const ended: WaitEnd = await waitUntil(at, this.deps.now, signal, watch.next());
        watch.idle();
        if (ended === 'aborted') return later(at, 'shutting_down');
        // Woken: the post changed (moved, edited, deleted) and is looked at afresh, maybe to go out at once.
        const armed = step.kind === 'armed' && ended === 'due' ? step : undefined;
        step = await (armed ? this.fire(armed, job, signal) : this.step(job, signal));
      }
      return step.kind === 'armed' ? later(step.due, 'armed') : step;
    } finally {
      this.unwatch(job.postId, watch);
    }
  }

  /**
   * The post changed while a job of this worker runs for it (the scheduler announces it when it could not replace
   * the job): a wait for its time ends now, and the post is looked at again. Without a run, nothing happens.
   */
  nudge(postId: string): void {
    for (const watch of this.watches.get(postId) ?? []) watch.nudge();
  }

  private watch(postId: string): PostWatch {
    const watch = new PostWatch();
    const watches = this.watches.get(postId) ?? new Set();
    watches.add(watch);
    this.watches.set(postId, watches);
    return watch;
  }

  private unwatch(postId: string, watch: PostWatch): void {
    const watches = this.watches.get(postId);
    watches?.delete(watch);
    if (watches?.size === 0) this.watches.delete(postId);
  }

  /** The post's minute has come: lease it if it is still as checked, else look at it afresh. */
  private async fire(armed: Armed, job: PublishJobRef, signal?: AbortSignal): Promise<Step> {
    if (signal?.aborted) return later(this.deps.now(), 'shutting_down');
    if (!(await this.armedLeases.add(armed.post))) return this.step(job, signal);
    return this.publishLeased(armed.post, armed.provider, armed.input, signal);
  }

  private async step(job: PublishJobRef, signal?: AbortSignal): Promise<Step> {
    const post = await this.deps.repository.findPost(job.organizationId, job.postId);
    if (!post) return done('missing');
    switch (post.state) {
      case 'QUEUE':
        return this.attempt(post, signal);
      case 'UNCONFIRMED':
        return this.calls.run(() => this.resolver.run(post));
      case 'PUBLISHING':
        return this.recoverLease(post);
      case 'DRAFT':
      case 'PUBLISHED':
      case 'ERROR':
      case 'CANCELLED':
        return done(post.state.toLowerCase());
    }
  }

  /** A job found its post PUBLISHING: its worker is still at it (wait for the lease), or died (check the outcome). */
  private async recoverLease(post: PublishingPost): Promise<PublishRunResult> {
    const now = this.deps.now();
    if (post.leaseExpiresAt && post.leaseExpiresAt > now) return later(new Date(post.leaseExpiresAt.getTime() + EARLY_TOLERANCE_MS), 'leased');
    await this.deps.repository.expireLease(post.id, now);
    const reloaded = await this.deps.repository.findPost(post.organizationId, post.id);
    return reloaded?.state === 'UNCONFIRMED' ? this.calls.run(() => this.resolver.run(reloaded)) : done('lease_recovered_elsewhere');
  }

  private dueAt(post: PublishingPost): Date | undefined {
    const times = [post.publishDate.getTime(), post.notBefore?.getTime() ?? 0];
    if (post.parentPostId) {
      // A reply or comment waits for its parent; the parent's publication schedules it.
      if (post.parent?.state !== 'PUBLISHED' || !post.parent.publishedAt) return undefined;
      times.push(post.parent.publishedAt.getTime() + post.delay * 60_000);
    }
    return new Date(Math.max(...times));
  }

  private async attempt(post: PublishingPost, signal?: AbortSignal): Promise<Step> {
    const { repository } = this.deps;
    const now = this.deps.now();
    if (post.deletedAt) return done('deleted');
    const due = this.dueAt(post);
    if (!due) return done('waiting_for_parent');
    const early = due.getTime() > now.getTime();
    if (early && due.getTime() > now.getTime() + this.deps.options.armLeadMs + EARLY_TOLERANCE_MS) return later(due, 'not_due');
    const channel = post.integration;
    const refusal = channelRefusal(channel);
    const provider = refusal ?? providerOf(this.deps.providers, channel);
    if (isRefusal(provider)) {
      if (await repository.refuse(post, provider)) await failPost(this.deps, post, provider.errorCode, provider.error);
      return done(provider.errorCode);
    }
    // Decrypted once, for the quota read, the armed request and the attempt alike.
    const input = this.inputOf(post);
    const pause = await this.channelPause(post, provider, input, now);
    if (pause) {
      await repository.postpone(post, pause);
      return later(pause, 'channel_paused');
    }
    if (early && post.version) {
      if (!(input instanceof Error)) provider.prepare?.(input, due);
      return { kind: 'armed', post: { ...post, version: post.version }, provider, due, input };
    }
    if (early) return later(due, 'not_due');
    if (signal?.aborted) return later(now, 'shutting_down');
    if (!(await repository.takeLease(post, this.owner, new Date(now.getTime() + this.deps.options.leaseMs), now))) return done('taken');
    return this.publishLeased(post, provider, input, signal);
  }

  /** Until when the channel must not be called: a platform rate limit, or the platform's publishing quota (rolling window). */
  private async channelPause(post: PublishingPost, provider: SocialProvider, input: PublishInput | Error, now: Date): Promise<Date | undefined> {
    const channel = post.integration;
    if (channel.publishBlockedUntil && channel.publishBlockedUntil > now) return channel.publishBlockedUntil;
    const quota = provider.quota;
    if (post.parentPostId || !quota) return undefined;
    const windowMs = quota.windowSeconds * 1000;
    const recent = await this.deps.repository.publishedRootsSince(channel.id, new Date(now.getTime() - windowMs));
    const platform = input instanceof Error ? undefined : await this.platformQuota(post, quota, input);
    const used = platform?.used ?? recent.count;
    if (used < (platform?.total ?? quota.limit)) return undefined;
    // A slot frees when the oldest publication leaves the window. Herald knows its own; one made elsewhere
    // (or none it knows of) is waited for an hour at a time.
    const oldestLeaves = recent.oldest ? recent.oldest.getTime() + windowMs : 0;
    const until = new Date(Math.max(oldestLeaves, now.getTime() + QUOTA_RECHECK_MS));
    this.deps.logger.info({ postId: post.id, used, until, platform: provider.identifier }, 'publishing quota reached: the post waits');
    await this.deps.repository.blockChannel(channel.id, until);
    return until;
  }

  /** The platform's own count; undefined when it cannot be read, and Herald's count decides. */
  private async platformQuota(post: PublishingPost, quota: PublishingQuotaReader, input: PublishInput): Promise<PublishingQuota | undefined> {
    try {
      return await this.calls.run(() => quota.read(input));
    } catch (error: unknown) {
      this.deps.logger.warn({ err: error, postId: post.id }, 'could not read the publishing quota; counting Herald’s own posts');
      return undefined;
    }
  }

  /** The platform request for the post: its channel's tokens decrypted, its media resolved, its text as platforms take it. */
  private inputOf(post: PublishingPost): PublishInput | Error {
    try {
      const tokens = tokensOf(post.integration, this.deps.cipher);
      return { channel: channelRef(post.integration), tokens, text: htmlToPlainText(post.content), media: mediaRefsOf(post.image, this.deps.media), settings: post.settings };
    } catch (error: unknown) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private async publishLeased(post: PublishingPost, provider: SocialProvider, input: PublishInput | Error, signal?: AbortSignal): Promise<PublishRunResult> {
    const { repository } = this.deps;
    if (input instanceof Error) {
      const error = input;
      const media = error instanceof PostMediaError;
      const reason = media ? error.message : 'The channel token cannot be decrypted with ENCRYPTION_KEY: reconnect the channel';
      if (!media) await this.refresher.requireReconnect(post.integration, 'its stored token is unreadable');
      if (await repository.fail(post.id, this.owner, { error: reason, errorCode: media ? 'bad_content' : 'channel_token_unreadable' })) {
        await failPost(this.deps, post, media ? 'bad_content' : 'channel_token_unreadable', reason);
      }
      return done('failed');
    }
    const heartbeat = new LeaseHeartbeat(this.deps, post.id, this.owner);
    try {
      heartbeat.start();
      // Last look before anything leaves (the wait for a free call may be long): a worker shutting down hands the
      // post back untouched.
      const published = await this.calls.run(async () => (signal?.aborted ? undefined : this.send(post, provider, input)));
      if (!published) {
        await heartbeat.stop();
        await repository.release(post.id, this.owner, { notBefore: this.deps.now(), countAttempt: false });
        return later(this.deps.now(), 'shutting_down');
      }
      const release = { releaseId: published.id, releaseURL: published.url, publishedAt: this.deps.now() };
      // The lease stays renewed until the outcome is written: the record may wait for the burst to end.
      const recorded = await this.records.add({ postId: post.id, release });
      await heartbeat.stop();
      // Best effort: the post is out and recorded whatever happens here; a pause not written is met again as a 429.
      if (published.pauses) await this.pause(post, published.pauses).catch((error: unknown) => this.deps.logger.warn({ err: error, postId: post.id }, 'could not pause the channel after its rate-limit window ran out'));
      if (!recorded) {
        this.deps.logger.error({ postId: post.id, releaseId: published.id }, 'published, but the post had moved on: check it by hand');
        return done('published_unrecorded');
      }
      await announcePublished(this.deps, post, release, recorded);
      return done('published');
    } catch (error: unknown) {
      await heartbeat.stop();
      return this.afterFailure(post, error);
    }
  }

  /** Publishes (or comments), refreshing an expired token once where the platform allows it. */
  private async send(post: PublishingPost, provider: SocialProvider, input: PublishInput): Promise<PublishedPost> {
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

  private async afterFailure(post: PublishingPost, error: unknown): Promise<PublishRunResult> {
    const now = this.deps.now();
    if (error instanceof MissingParentError) return this.failLeased(post, 'parent_unknown', error.message);
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
    const { repository } = this.deps;
    switch (decision.action) {
      case 'rate_limited':
        await this.pause(post, [{ scope: decision.scope, until: decision.until }]);
        await repository.release(post.id, this.owner, { notBefore: decision.until, countAttempt: false, error: decision.message, errorCode: 'rate_limited' });
        return later(decision.until, 'rate_limited');
      case 'retry':
        await repository.release(post.id, this.owner, { notBefore: decision.at, countAttempt: true, error: decision.message, errorCode: 'retrying' });
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
   * A rate-limit window is used up: the channel (or, for the app's own cap, every channel of the platform) publishes
   * nothing until it resets. Its posts wait in QUEUE; none fails for it.
   */
  private async pause(post: PublishingPost, pauses: readonly PublishingPause[]): Promise<void> {
    for (const { scope, until } of pauses) {
      if (scope === 'channel') {
        await this.deps.repository.blockChannel(post.integrationId, until);
        continue;
      }
      const channels = await this.deps.repository.blockProvider(post.integration.providerIdentifier, until);
      this.deps.logger.warn({ provider: post.integration.providerIdentifier, until, channels }, 'the app’s rate limit is used up: every channel of the platform waits');
    }
  }

  private async unconfirmed(post: PublishingPost, hint: OutcomeHint | undefined, message: string): Promise<PublishRunResult> {
    // A duplicate refusal names a copy that is already live: no need to give the platform time before looking.
    const checkAt = new Date(this.deps.now().getTime() + (hint?.duplicate ? 0 : this.deps.options.firstCheckDelayMs));
    const hintJson = hint?.containerId || hint?.duplicate ? { ...hint } : null;
    await this.deps.repository.markUnconfirmed(post.id, this.owner, { hint: hintJson, error: `Outcome unknown, checking with the platform: ${message}`, checkAt });
    return later(checkAt, 'unconfirmed');
  }

  private async failLeased(post: PublishingPost, errorCode: string, message: string): Promise<PublishRunResult> {
    if (await this.deps.repository.fail(post.id, this.owner, { error: message, errorCode })) await failPost(this.deps, post, errorCode, message);
    return done('failed');
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

class MissingParentError extends Error {
  constructor() {
    super('The post this one replies to has no known id on the platform');
    this.name = 'MissingParentError';
  }
}
