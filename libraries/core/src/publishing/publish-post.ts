import type { PublishingPost } from '@herald/database';
import { htmlToPlainText } from '@herald/shared';
import type { PublishInput, SocialProvider } from '@herald/providers';
import { channelRef, channelRefusal, isRefusal, providerOf, tokensOf } from './channel-access';
import { ChannelPauses } from './channel-pauses';
import { mediaRefsOf } from './post-media';
import { done, later, type PublishingDeps, type PublishJobRef, type PublishRunResult } from './publishing.ports';
import { failPost } from './post-outcomes';
import { ChannelTokenManager } from '../channels/channel-token-manager';
import { PublishAttempt } from './publish-attempt';
import { PublishFailure } from './publish-failure';
import { ResolveUnconfirmed } from './resolve-unconfirmed';
import { PostWatch, Slots, type WaitEnd, waitUntil } from './slots';

// A job that wakes a little before its lead (clock skew between Redis and us) is still armed rather than bounced.
const EARLY_TOLERANCE_MS = 1_000;
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
 * the job waits in memory until the exact millisecond; only the attempt (publish-attempt.ts: lease, platform call,
 * record) remains. Nothing is ever sent before its time, and an edit, a move or a delete during the wait is
 * honoured: the lease requires the row version that was checked. At most `concurrency` platform calls are in flight;
 * the database work around them is not counted.
 */
export class PublishPost {
  private readonly resolver: ResolveUnconfirmed;
  private readonly calls: Slots;
  private readonly pauses: ChannelPauses;
  private readonly attempts: PublishAttempt;
  /** The runs in progress, by post: `nudge` reaches them. */
  private readonly watches = new Map<string, Set<PostWatch>>();

  constructor(
    private readonly deps: PublishingDeps,
    /** Names this worker on the leases it takes (host, pid, random). */
    owner: string,
    options: PublishPostOptions = {},
  ) {
    const refresher = new ChannelTokenManager(deps);
    this.resolver = new ResolveUnconfirmed(deps);
    this.calls = new Slots(options.concurrency ?? 20);
    this.pauses = new ChannelPauses(deps, this.calls);
    this.attempts = new PublishAttempt(deps, owner, this.calls, refresher, this.pauses, new PublishFailure(deps, owner, refresher, this.pauses));
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
    const heldUntil = await this.attempts.leaseArmed(armed.post);
    if (!heldUntil) return this.step(job, signal);
    return this.attempts.publish(armed.post, armed.provider, armed.input, heldUntil, signal);
  }

  private async step(job: PublishJobRef, signal?: AbortSignal): Promise<Step> {
    const post = await this.deps.leases.findPost(job.organizationId, job.postId);
    if (!post) return done('missing');
    switch (post.state) {
      case 'QUEUE':
        return this.queued(post, signal);
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
    await this.deps.leases.expireLease(post.id, now);
    const reloaded = await this.deps.leases.findPost(post.organizationId, post.id);
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

  /** A QUEUE post: not due yet (back to the queue), refused, paused, armed for its minute, or attempted now. */
  private async queued(post: PublishingPost, signal?: AbortSignal): Promise<Step> {
    const { leases } = this.deps;
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
      if (await leases.refuse(post, provider)) await failPost(this.deps, post, provider.errorCode, provider.error);
      return done(provider.errorCode);
    }
    // Decrypted once, for the quota read, the armed request and the attempt alike.
    const input = this.inputOf(post);
    const pause = await this.pauses.until(post, provider, input, now);
    if (pause) {
      await leases.postpone(post, pause);
      return later(pause, 'channel_paused');
    }
    if (early && post.version) {
      if (!(input instanceof Error)) provider.prepare?.(input, due);
      return { kind: 'armed', post: { ...post, version: post.version }, provider, due, input };
    }
    if (early) return later(due, 'not_due');
    if (signal?.aborted) return later(now, 'shutting_down');
    const heldUntil = await this.attempts.lease(post, now);
    if (!heldUntil) return done('taken');
    return this.attempts.publish(post, provider, input, heldUntil, signal);
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
}
