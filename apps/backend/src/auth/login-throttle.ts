import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@herald/core';
import type Redis from 'ioredis';
import { REDIS } from '../infra/tokens';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

/** Counts failed logins per email and per client address in Redis; too many gets 429 until the window ends. */
@Injectable()
export class LoginThrottle {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private keys(email: string, ip: string) {
    return { email: `herald:throttle:login:email:${email}`, ip: `herald:throttle:login:ip:${ip}` };
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const [byEmail, byIp] = await this.redis.mget(keys.email, keys.ip);
    const over = Number(byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL ? keys.email : Number(byIp ?? 0) >= MAX_FAILURES_PER_IP ? keys.ip : null;
    if (!over) return;
    const ttl = await this.redis.ttl(over);
    throw AppError.tooManyRequests('Too many failed sign-in attempts. Wait a few minutes and try again.', ttl > 0 ? ttl : WINDOW_SECONDS, 'too_many_attempts');
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.redis
      .multi()
      .incr(keys.email)
      .expire(keys.email, WINDOW_SECONDS, 'NX')
      .incr(keys.ip)
      .expire(keys.ip, WINDOW_SECONDS, 'NX')
      .exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '').email);
  }
}
