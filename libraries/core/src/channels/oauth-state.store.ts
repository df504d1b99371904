import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export interface OAuthStateRecord {
  userId: string;
  organizationId: string;
  provider: string;
  /** Set when the flow reconnects an existing channel. */
  refreshId?: string;
  /** X (OAuth 1.0a): the request-token secret, kept under the request token. */
  requestTokenSecret?: string;
}

const TTL_SECONDS = 300;
const key = (id: string) => `herald:oauth:${id}`;

function parse(raw: string | null): OAuthStateRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<OAuthStateRecord>;
    return typeof value.userId === 'string' && typeof value.organizationId === 'string' && typeof value.provider === 'string'
      ? (value as OAuthStateRecord)
      : null;
  } catch {
    return null;
  }
}

/** OAuth states in Redis: 256 random bits, five minutes, and single use (taken with GETDEL, atomically). */
export class OAuthStateStore {
  constructor(private readonly redis: Redis) {}

  async create(record: OAuthStateRecord): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    await this.put(state, record);
    return state;
  }

  async put(id: string, record: OAuthStateRecord): Promise<void> {
    await this.redis.set(key(id), JSON.stringify(record), 'EX', TTL_SECONDS);
  }

  async take(id: string): Promise<OAuthStateRecord | null> {
    if (!id || id.length > 512) return null;
    return parse(await this.redis.getdel(key(id)));
  }
}

/** Where an OAuth 1.0a authorization is kept: under the platform's request token (`x:<token>` for X). */
export const requestTokenKey = (provider: string, requestToken: string) => `${provider}:${requestToken}`;
