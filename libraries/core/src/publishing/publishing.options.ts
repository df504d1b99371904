/** How the engine paces itself. Defaults suit production; tests shorten the waits. */
export interface PublishingOptions {
  /** A lease lasts this long and is renewed every third of it while the platform call runs. */
  leaseMs: number;
  /** Transient failures (5xx before acceptance, network errors before sending) before the post fails. */
  maxAttempts: number;
  /** Backoff after a transient failure: base × 2^(attempt − 1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** First outcome check after an unknown outcome, then every `checkIntervalMs`. */
  firstCheckDelayMs: number;
  checkIntervalMs: number;
  /** Automatic outcome checks before the person is told and the post waits for them. */
  maxOutcomeChecks: number;
  /**
   * "Not found on the platform" counts as "not published" only this long after the attempt ended (its last request
   * could still arrive; `attemptEndedAt`): timelines lag, and re-publishing too early could duplicate.
   */
  notFoundSettleMs: number;
  /**
   * A job wakes this long before its post's time, so the post is loaded and checked ahead and only the lease and the
   * platform call are left for the minute itself. The queue adapter must wake jobs by the same lead.
   */
  armLeadMs: number;
}

export const DEFAULT_PUBLISHING_OPTIONS: PublishingOptions = {
  leaseMs: 60_000,
  maxAttempts: 5,
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  firstCheckDelayMs: 30_000,
  checkIntervalMs: 60_000,
  maxOutcomeChecks: 10,
  notFoundSettleMs: 2 * 60_000,
  armLeadMs: 5_000,
};

export function publishingOptions(overrides: Partial<PublishingOptions> = {}): PublishingOptions {
  return { ...DEFAULT_PUBLISHING_OPTIONS, ...overrides };
}

/** Delay after the `attempt`-th transient failure (1-based). */
export function backoffMs(options: Pick<PublishingOptions, 'backoffBaseMs' | 'backoffMaxMs'>, attempt: number): number {
  return Math.min(options.backoffBaseMs * 2 ** Math.max(0, attempt - 1), options.backoffMaxMs);
}
