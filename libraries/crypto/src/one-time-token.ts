import { createHash, randomBytes } from 'node:crypto';

/** A single-use link token (invitations, password resets): 256 random bits, and the hash that is stored. */
export interface OneTimeToken {
  /** Only in the link; never stored, never logged. */
  token: string;
  hash: string;
}

// 256 random bits leave nothing to brute-force, so a fast hash is enough (as for API keys).
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newOneTimeToken(): OneTimeToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

/** The shape newOneTimeToken makes (43 base64url characters): anything else is refused before a lookup. */
export function looksLikeOneTimeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
