import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * The calendar's answers (`GET /posts?startDate&endDate…`) kept in Redis, per organization and per range, so that
 * every backend process shares them and a write anywhere makes them stale for all (docs/performance.md).
 *
 * One hash per organization: field `v` is the organization's version (a random token), and each cached range is a
 * field holding `<version> <body>`. A write to the organization's posts (or its channels, tags, customers) replaces
 * `v` and drops the ranges (`bumpCalendarVersion`); a range read back is used only when its version is the current
 * one, so an answer computed from rows read before a write and stored after it is never served. The cron's sweeps,
 * which touch many organizations, replace one global epoch instead (`bumpCalendarEpoch`), part of every version.
 * The hash lives `CALENDAR_CACHE_TTL_SECONDS` from its creation: a write no code path announced is seen after that.
 */
export const CALENDAR_CACHE_TTL_SECONDS = 120;
const EPOCH_KEY = 'herald:calendar:epoch';

function orgKey(organizationId: string): string {
  return `herald:calendar:${organizationId}`;
}

/** Makes every cached calendar range of the organization stale, in every process. */
export async function bumpCalendarVersion(redis: Redis, organizationId: string): Promise<void> {
  await redis.del(orgKey(organizationId));
}

/** Makes every organization's cached ranges stale (the cron's sweeps, which may change posts anywhere). */
export async function bumpCalendarEpoch(redis: Redis): Promise<void> {
  await redis.set(EPOCH_KEY, randomBytes(6).toString('base64url'));
}

export interface CalendarEntry {
  /** A strong ETag of the answer: changes with the version, so a 304 is only ever given for the current rows. */
  etag: string;
  /** The JSON text of the answer, when cached (absent: compute it, then `store`). */
  body?: string;
  /** Pass back to `store`. */
  version: string;
}

export class CalendarCache {
  constructor(private readonly redis: Redis) {}

  /** The current version of the organization's calendar and the cached answer for `range`, in one round trip. */
  async lookup(organizationId: string, range: string): Promise<CalendarEntry> {
    const key = orgKey(organizationId);
    const field = `r:${range}`;
    const fresh = randomBytes(9).toString('base64url');
    // Creates the version when there is none (first read, or after a write) and reads the range, atomically.
    const [, , [, values], [, epoch]] = (await this.redis
      .multi()
      .hsetnx(key, 'v', fresh)
      .expire(key, CALENDAR_CACHE_TTL_SECONDS, 'NX')
      .hmget(key, 'v', field)
      .get(EPOCH_KEY)
      .exec()) as [unknown, unknown, [unknown, (string | null)[]], [unknown, string | null]];
    const [orgVersion, stored] = values;
    const version = `${epoch ?? '0'}.${orgVersion ?? fresh}`;
    const etag = `"${createHash('sha1').update(`${version}\n${organizationId}\n${range}`).digest('base64url')}"`;
    if (stored) {
      const space = stored.indexOf(' ');
      if (stored.slice(0, space) === version) return { etag, version, body: stored.slice(space + 1) };
    }
    return { etag, version };
  }

  /** Keeps an answer computed after `lookup` gave `version` (ignored by readers once the version moved on). */
  async store(organizationId: string, range: string, version: string, body: string): Promise<void> {
    const key = orgKey(organizationId);
    // Only into a hash that still exists: a write in between deleted it, and a new one must not outlive its TTL.
    await this.redis.eval(
      "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end return 0",
      1,
      key,
      `r:${range}`,
      `${version} ${body}`,
    );
  }
}
