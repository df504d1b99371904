import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX_LENGTH = 12;

export interface GeneratedApiKey {
  /** Shown to the person once; never stored. */
  key: string;
  /** Stored and shown, so a person can tell keys apart. */
  prefix: string;
  /** Stored; looked up on each request. */
  hash: string;
}

// API keys carry 256 bits of randomness, so a fast hash is enough: there is nothing to brute-force.
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const key = `hrld_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
