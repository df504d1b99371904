import type { PublishingDeps } from './publishing.ports';

/**
 * Keeps a lease alive while a platform call runs, so a slow upload never looks like a dead worker. The lease can
 * therefore stay short, and a worker that really died is noticed quickly.
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: Pick<PublishingDeps, 'leases' | 'options' | 'now' | 'logger'>,
    private readonly postId: string,
    private readonly owner: string,
  ) {}

  /** Renews every third of the lease from now on (the lease was just taken or checked). */
  start(): void {
    this.timer = setInterval(() => {
      this.pending = this.renew().catch((error: unknown) => this.deps.logger.warn({ err: error, postId: this.postId }, 'lease renewal failed'));
    }, Math.max(250, Math.floor(this.deps.options.leaseMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // A renewal in flight must not land after the state change that follows.
    await this.pending;
  }

  private renew(): Promise<boolean> {
    return this.deps.leases.renewLease(this.postId, this.owner, new Date(this.deps.now().getTime() + this.deps.options.leaseMs));
  }
}
