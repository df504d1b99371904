interface Pending<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the calls made in the same turn of the event loop and serves them with one call to `flush`, which answers
 * item by item in the same order. When a thousand posts share a minute, their leases (or their records) cost one
 * round trip to the database instead of a thousand. A failed flush fails each of its callers.
 */
export class TickBatch<In, Out> {
  private pending: Pending<In, Out>[] = [];

  constructor(
    private readonly flush: (items: In[]) => Promise<Out[]>,
    /** Awaited before a flush: lets more work gather, or other work go first. */
    private readonly hold: () => Promise<void> = () => Promise.resolve(),
  ) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.pending.push({ item, resolve, reject }) === 1) setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    await this.hold();
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.flush(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i] as Out));
    } catch (error: unknown) {
      for (const p of batch) p.reject(error);
    }
  }
}
