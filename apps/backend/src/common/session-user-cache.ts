import { Inject, Injectable } from '@nestjs/common';
import type { UserWithMemberships } from '@herald/database';
import type Redis from 'ioredis';
import { REDIS } from '../infra/tokens';

/** How long a session's account and memberships are trusted from Redis at most (a write no request announced). */
export const SESSION_USER_TTL_SECONDS = 30;
const GENERATION_KEY = 'herald:session:generation';

// One round trip: is the token revoked (logout), the current generation, and the account cached under it.
const LOOKUP = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { redis.call('EXISTS', KEYS[2]), generation, redis.call('GET', ARGV[1] .. generation) }`;

interface Cached extends Omit<UserWithMemberships, 'sessionsRevokedAt'> {
  sessionsRevokedAt: string | null;
}

/**
 * What the session guard needs on every request (the account, its memberships and roles, when its sessions were
 * revoked), kept in Redis so that a known session costs no database round trip (docs/performance.md).
 * Entries are keyed by a global generation: every request that may change accounts, memberships or roles (logout
 * everywhere, password reset, a member removed or given another role, an invitation accepted, an organization or
 * account deleted; `SessionCacheInterceptor`) moves it on before its answer leaves, so every process reads the
 * database again. A logged-out token is refused through its revocation key, read in the same round trip.
 */
@Injectable()
export class SessionUserCache {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async lookup(jti: string, userId: string): Promise<{ revoked: boolean; generation: string; user: UserWithMemberships | null }> {
    const [revoked, generation, cached] = (await this.redis.eval(LOOKUP, 2, GENERATION_KEY, `herald:session:revoked:${jti}`, userKeyPrefix(userId))) as [number, string, string | null];
    if (revoked === 1 || cached === null) return { revoked: revoked === 1, generation, user: null };
    const parsed = JSON.parse(cached) as Cached;
    return { revoked: false, generation, user: { ...parsed, sessionsRevokedAt: parsed.sessionsRevokedAt === null ? null : new Date(parsed.sessionsRevokedAt) } };
  }

  /** Keeps the account as read from the database after `lookup` gave `generation` (stale at once if it moved on). */
  async store(generation: string, user: UserWithMemberships): Promise<void> {
    const value: Cached = { ...user, sessionsRevokedAt: user.sessionsRevokedAt?.toISOString() ?? null };
    await this.redis.set(`${userKeyPrefix(user.id)}${generation}`, JSON.stringify(value), 'EX', SESSION_USER_TTL_SECONDS);
  }

  /** Every cached account is read from the database again, in every process. */
  async invalidateAll(): Promise<void> {
    await this.redis.incr(GENERATION_KEY);
  }
}

function userKeyPrefix(userId: string): string {
  return `herald:session:user:${userId}:`;
}
