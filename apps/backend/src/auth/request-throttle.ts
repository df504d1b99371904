import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@herald/core';
import type Redis from 'ioredis';
import { REDIS } from '../infra/tokens';

export interface ThrottleRule {
  /** A word for the Redis keys: `herald:throttle:<scope>:email:…` and `…:ip:…`. */
  scope: string;
  windowSeconds: number;
  /** Requests per email in the window (for rules whose requests name one). */
  perEmail: number;
  perIp: number;
}

/** "Forgot password": a few emails per address per hour, and per client address. */
export const FORGOT_RULE: ThrottleRule = { scope: 'forgot', windowSeconds: 3600, perEmail: 5, perIp: 30 };
/** Reset attempts per client address (the 256-bit token is not guessable; this keeps the endpoint cheap). */
export const RESET_RULE: ThrottleRule = { scope: 'reset', windowSeconds: 15 * 60, perEmail: 0, perIp: 30 };

/**
 * Counts every request (before acting on it) per email and per client address in Redis, the way LoginThrottle
 * counts failed logins; past the limit the answer is 429 until the window ends.
 */
@Injectable()
export class RequestThrottle {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Counts the request; `email` is left out by requests that name none (a reset names a token). */
  async hit(rule: ThrottleRule, ip: string, email?: string): Promise<void> {
    const byIp = `herald:throttle:${rule.scope}:ip:${ip}`;
    const byEmail = email === undefined ? null : `herald:throttle:${rule.scope}:email:${email}`;
    const counted = this.redis.multi().incr(byIp).expire(byIp, rule.windowSeconds, 'NX');
    if (byEmail) counted.incr(byEmail).expire(byEmail, rule.windowSeconds, 'NX');
    const replies = await counted.exec();
    const ipCount = Number(replies?.[0]?.[1] ?? 0);
    const emailCount = Number(replies?.[2]?.[1] ?? 0);
    const over = ipCount > rule.perIp ? byIp : byEmail && emailCount > rule.perEmail ? byEmail : null;
    if (!over) return;
    const ttl = await this.redis.ttl(over);
    throw AppError.tooManyRequests('Too many requests. Wait a few minutes and try again.', ttl > 0 ? ttl : rule.windowSeconds, 'too_many_attempts');
  }
}
