import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import type Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { CONFIG, REDIS } from '../infra/tokens';

export const SESSION_COOKIE = 'auth';
const SESSION_TTL_SECONDS = 7 * 24 * 3600;

interface SessionClaims {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  /** When it was issued, in milliseconds (iat is in seconds): "sign out everywhere" compares with it. */
  iat_ms?: number;
}

function isSessionClaims(value: unknown): value is SessionClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sub === 'string' && typeof v.jti === 'string' && typeof v.exp === 'number' && typeof v.iat === 'number' && (v.iat_ms === undefined || typeof v.iat_ms === 'number');
}

/** Signed session cookies (HS256 JWT). Logout revokes the token id in Redis until it would expire. */
@Injectable()
export class SessionTokenService {
  constructor(
    @Inject(CONFIG) private readonly config: BackendConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  readonly ttlSeconds = SESSION_TTL_SECONDS;
  // Made once: given the secret as a string, jsonwebtoken builds a key object on every verification.
  private secretKey?: KeyObject;

  private key(): KeyObject {
    this.secretKey ??= createSecretKey(Buffer.from(this.config.jwtSecret, 'utf8'));
    return this.secretKey;
  }

  issue(userId: string): string {
    return jwt.sign({ jti: randomBytes(16).toString('base64url'), iat_ms: Date.now() }, this.config.jwtSecret, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: SESSION_TTL_SECONDS,
    });
  }

  /** The user id, or null when the token is invalid, expired or revoked. */
  async verify(token: string): Promise<{ userId: string; jti: string; exp: number; issuedAtMs: number } | null> {
    const session = this.decode(token);
    if (!session) return null;
    if ((await this.redis.exists(`herald:session:revoked:${session.jti}`)) === 1) return null;
    return session;
  }

  /** The signed claims, or null when the token is invalid or expired; whether it was revoked is not looked at. */
  decode(token: string): { userId: string; jti: string; exp: number; issuedAtMs: number } | null {
    let claims: unknown;
    try {
      claims = jwt.verify(token, this.key(), { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!isSessionClaims(claims)) return null;
    return { userId: claims.sub, jti: claims.jti, exp: claims.exp, issuedAtMs: claims.iat_ms ?? claims.iat * 1000 };
  }

  async revoke(token: string): Promise<void> {
    const session = await this.verify(token);
    if (!session) return;
    const ttl = session.exp - Math.floor(Date.now() / 1000);
    if (ttl > 0) await this.redis.set(`herald:session:revoked:${session.jti}`, '1', 'EX', ttl);
  }

  cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.secureCookies,
      path: '/',
      maxAge: SESSION_TTL_SECONDS * 1000,
    };
  }
}
