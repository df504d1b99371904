export interface RateWindow {
  limit: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
  allowed: boolean;
}

/** Fixed windows per key, like X's: the window starts at the first call and resets all at once. */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  hit(key: string, limit: number, windowMs: number, now: number): RateWindow {
    let w = this.windows.get(key);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.count < limit;
    if (allowed) w.count += 1;
    return { limit, remaining: Math.max(0, limit - w.count), reset: Math.ceil((w.start + windowMs) / 1000), allowed };
  }

  count(key: string, windowMs: number, now: number): number {
    const w = this.windows.get(key);
    return w && now < w.start + windowMs ? w.count : 0;
  }
}
