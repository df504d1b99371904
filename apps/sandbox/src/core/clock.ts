/**
 * The sandbox's notion of "now". Platform rules (code, token and container lifetimes, quotas) follow it,
 * so a test can jump 24 hours ahead without waiting. Signature timestamps are checked against the wall
 * clock instead, because clients sign with their own real time.
 */
export class SandboxClock {
  private offset: number;

  constructor(
    private readonly base: () => number = Date.now,
    offsetMs = 0,
  ) {
    this.offset = offsetMs;
  }

  now(): number {
    return this.base() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  setOffset(ms: number): void {
    this.offset = ms;
  }
}
