import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUM[randomInt(ALPHANUM.length)];
  return out;
}

export function randomDigits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(10));
  return out;
}

export function randomUrlSafe(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Monotonic numeric ids that look like the platforms' (snowflake-like, 19 digits for X). */
export class NumericIds {
  private counter: bigint;

  constructor(start: bigint) {
    this.counter = start + BigInt(randomInt(1_000_000)) * 1000n;
  }

  next(): string {
    this.counter += BigInt(randomInt(1, 1000));
    return this.counter.toString();
  }
}
