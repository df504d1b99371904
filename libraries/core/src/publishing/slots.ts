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

/** Resolves true at `at`, or false as soon as `signal` aborts (a worker shutting down). */
export function waitUntil(at: Date, now: () => Date, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, at.getTime() - now().getTime()));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
