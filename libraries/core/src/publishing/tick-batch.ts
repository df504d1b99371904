interface Pending<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the calls made in the same turn of the event loop (or while `hold` waits) and serves them with as few
 * calls to `flush` as `maxItems` allows, each answering item by item in the same order. When a thousand posts share
 * a minute, their leases (or their records) cost a few round trips to the database instead of a thousand. A failed
 * flush fails each of its callers.
 */
export class TickBatch<In, Out> {
  private pending: Pending<In, Out>[] = [];
  private scheduled = false;

  constructor(
    private readonly flush: (items: In[]) => Promise<Out[]>,
    private readonly options: {
      /** Awaited before a flush: lets more work gather, or other work go first. */
      hold?: () => Promise<void>;
      /** At most this many items per flush, flushed one after the other: the first answers come back sooner. */
      maxItems?: number;
    } = {},
  ) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.run());
      }
    });
  }

  /** Serves what is pending, `maxItems` at a time, one statement after the other, until nothing is left. */
  private async run(): Promise<void> {
    await this.options.hold?.();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxItems ?? this.pending.length);
      try {
        const results = await this.flush(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i] as Out));
      } catch (error: unknown) {
        for (const p of batch) p.reject(error);
      }
    }
    this.scheduled = false;
  }
}
