/** A counting semaphore: at most `size` callers inside `run` at once, the others wait their turn in order. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error('Slots: size must be a positive integer');
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next caller, so a newcomer can never overtake one that waits.
      if (next) next();
      else this.free += 1;
      if (this.free === this.size) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves once every slot is free and nobody waits (at once when that is already so). */
  idle(): Promise<void> {
    if (this.free === this.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/** How a wait ended: its time came, `signal` aborted (a worker shutting down), or `woken` resolved first. */
export type WaitEnd = 'due' | 'aborted' | 'woken';

/** Waits until `at`, or less: until `signal` aborts or `woken` resolves. */
export function waitUntil(at: Date, now: () => Date, signal?: AbortSignal, woken?: Promise<void>): Promise<WaitEnd> {
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let ended = false;
    const end = (how: WaitEnd) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(how);
    };
    const onAbort = () => end('aborted');
    const timer = setTimeout(() => end('due'), Math.max(0, at.getTime() - now().getTime()));
    signal?.addEventListener('abort', onAbort, { once: true });
    void woken?.then(() => end('woken'));
  });
}

/**
 * The nudges one post receives while a job runs for it. A nudge during a wait ends that wait; one that comes while
 * no wait is in progress (the post is being loaded, or leased) is kept, and ends the next wait at once: a change
 * announced between reading the post and waiting for its time is never lost.
 */
export class PostWatch {
  private pending = false;
  private wake: (() => void) | undefined;

  nudge(): void {
    const wake = this.wake;
    this.wake = undefined;
    if (wake) wake();
    else this.pending = true;
  }

  /** Resolves at the next nudge, or at once if one came since the last wait. Call `idle` when the wait is over. */
  next(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** The wait is over: a nudge from now on is kept for the next one. */
  idle(): void {
    this.wake = undefined;
  }
}
