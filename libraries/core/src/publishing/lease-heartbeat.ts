import type { PublishingDeps } from './publishing.ports';

/**
 * This worker no longer holds the post's lease as far as it knows (a renewal found the post moved on, or no renewal
 * succeeded before the lease ran out): nothing that makes the post visible may be sent.
 */
export class LeaseLostError extends Error {
  constructor(readonly postId: string) {
    super('The publishing lease ran out before the platform call: the post was left to the outcome check');
    this.name = 'LeaseLostError';
  }
}

export function isLeaseLost(error: unknown): error is LeaseLostError {
  return error instanceof LeaseLostError;
}

/**
 * Keeps a lease alive while a platform call runs, so a slow upload never looks like a dead worker. The lease can
 * therefore stay short, and a worker that really died is noticed quickly.
 *
 * It also knows until when the lease is certainly this worker's (`heldUntil`: the expiry of the last take or
 * renewal that succeeded) and aborts `signal` then, or at once when a renewal finds the post moved on. Providers
 * start no request that makes a post visible on an aborted signal and cut one in flight when it fires, so no request
 * of this attempt outlives the lease: once the lease has run out (the cron or a job then makes the post UNCONFIRMED),
 * whatever this worker sent has already reached the platform, and "not found" after the settle time is proof
 * (docs/architecture.md §5, "Exactly once"). Without it, a worker cut off from Postgres longer than its lease could
 * publish after the outcome check found nothing and queued the post again: a duplicate.
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private pending: Promise<unknown> = Promise.resolve();
  private readonly controller = new AbortController();

  constructor(
    private readonly deps: Pick<PublishingDeps, 'leases' | 'options' | 'now' | 'logger'>,
    private readonly postId: string,
    private readonly owner: string,
    /** When the lease just taken runs out. */
    private heldUntil: Date,
  ) {}

  /** Aborted (with a `LeaseLostError`) once this worker may no longer count on its lease. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Renews every third of the lease from now on (the lease was just taken or checked). */
  start(): void {
    this.armExpiry();
    this.timer = setInterval(() => {
      this.pending = this.renew().catch((error: unknown) => this.deps.logger.warn({ err: error, postId: this.postId }, 'lease renewal failed'));
    }, Math.max(250, Math.floor(this.deps.options.leaseMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.expiry) clearTimeout(this.expiry);
    this.timer = undefined;
    this.expiry = undefined;
    // A renewal in flight must not land after the state change that follows.
    await this.pending;
  }

  private async renew(): Promise<void> {
    const until = new Date(this.deps.now().getTime() + this.deps.options.leaseMs);
    const held = await this.deps.leases.renewLease(this.postId, this.owner, until);
    if (!this.timer) return;
    if (!held) return this.lose('the post moved on');
    this.heldUntil = until;
    this.armExpiry();
  }

  private armExpiry(): void {
    if (this.expiry) clearTimeout(this.expiry);
    const left = this.heldUntil.getTime() - this.deps.now().getTime();
    if (left <= 0) return this.lose('no renewal before it ran out');
    this.expiry = setTimeout(() => this.lose('no renewal before it ran out'), left);
    this.expiry.unref();
  }

  private lose(why: string): void {
    if (this.controller.signal.aborted) return;
    this.deps.logger.warn({ postId: this.postId, heldUntil: this.heldUntil, why }, 'publishing lease lost: nothing more is sent for this post');
    this.controller.abort(new LeaseLostError(this.postId));
  }
}
