import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@herald/core';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REDIS } from '../infra/tokens';

export interface AttemptRule {
  /** A word for the Redis keys: `herald:throttle:<scope>:key:…` and `…:ip:…`. */
  scope: string;
  windowSeconds: number;
  /** Attempts per subject (an email, a user id) in the window; rules whose requests name none leave it out. */
  perKey?: number;
  perIp: number;
  message: string;
}

const WAIT = 'Wait a few minutes and try again.';

/** Passwords tried per account and per client address; a right one gives its attempt back. */
export const LOGIN_RULE: AttemptRule = { scope: 'login', windowSeconds: 15 * 60, perKey: 5, perIp: 30, message: `Too many failed sign-in attempts. ${WAIT}` };
/** Sign-ups per client address; one that creates an account gives its attempt back (refusals and taken emails count). */
export const REGISTER_RULE: AttemptRule = { scope: 'register', windowSeconds: 60 * 60, perIp: 10, message: `Too many sign-up attempts. ${WAIT}` };
/** "Forgot password": a few emails per address per hour, and per client address. Every request counts. */
export const FORGOT_RULE: AttemptRule = { scope: 'forgot', windowSeconds: 60 * 60, perKey: 5, perIp: 30, message: `Too many requests. ${WAIT}` };
/** Reset attempts per client address (the 256-bit token is not guessable; this keeps the endpoint cheap). */
export const RESET_RULE: AttemptRule = { scope: 'reset', windowSeconds: 15 * 60, perIp: 30, message: `Too many requests. ${WAIT}` };
/** The password that confirms deleting an account or an organization, per person and per client address. */
export const CONFIRM_RULE: AttemptRule = { scope: 'confirm', windowSeconds: 15 * 60, perKey: 5, perIp: 30, message: `Too many password confirmations. ${WAIT}` };

export interface AttemptSubject {
  ip: string;
  /** What the attempt names: an email, a user id. */
  key?: string;
}

/**
 * The one throttle of attempts (sign-in, sign-up, password reset, password confirmations), on rate-limiter-flexible's
 * Redis limiter: `consume` counts the attempt atomically in Redis BEFORE the work it guards (an argon2 check), so
 * concurrent requests cannot all slip under the limit; past it the answer is 429 with Retry-After until the window
 * ends. `succeeded` gives a right password's attempt back, so only failures pile up.
 */
@Injectable()
export class AttemptThrottle {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private limiter(rule: AttemptRule, dimension: 'key' | 'ip'): RateLimiterRedis {
    const name = `${rule.scope}:${dimension}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const points = dimension === 'key' ? (rule.perKey ?? 0) : rule.perIp;
      limiter = new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `herald:throttle:${name}`, points, duration: rule.windowSeconds });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private dimensions(rule: AttemptRule, subject: AttemptSubject): Array<[RateLimiterRedis, string]> {
    const pairs: Array<[RateLimiterRedis, string]> = [[this.limiter(rule, 'ip'), subject.ip]];
    if (rule.perKey !== undefined && subject.key !== undefined) pairs.push([this.limiter(rule, 'key'), subject.key]);
    return pairs;
  }

  /** Counts one attempt; throws 429 `too_many_attempts` when the address or the subject is past its limit. */
  async consume(rule: AttemptRule, subject: AttemptSubject): Promise<void> {
    const results = await Promise.allSettled(this.dimensions(rule, subject).map(([limiter, key]) => limiter.consume(key)));
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    if (waitMs > 0) throw AppError.tooManyRequests(rule.message, Math.max(1, Math.ceil(waitMs / 1000)), 'too_many_attempts');
  }

  /** The attempt was right: the subject's failures are forgotten and the address gets its attempt back. */
  async succeeded(rule: AttemptRule, subject: AttemptSubject): Promise<void> {
    const [ip, key] = this.dimensions(rule, subject);
    await Promise.all([ip?.[0].reward(ip[1], 1), key?.[0].delete(key[1])]);
  }
}
