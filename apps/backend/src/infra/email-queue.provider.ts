import type { OnModuleDestroy } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { EmailQueue } from '@herald/core';
import type Redis from 'ioredis';
import { CONFIG, EMAIL_JOBS, REDIS } from './tokens';

class NestEmailQueue extends EmailQueue implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}

/**
 * The API's side of the email queue (the workers send), or null when EMAIL_SMTP_URL is not set: then nothing is
 * queued and the dashboard shows links to copy instead.
 */
export function emailQueueProvider(prefix?: string) {
  return {
    provide: EMAIL_JOBS,
    inject: [REDIS, CONFIG],
    useFactory: (redis: Redis, config: BackendConfig): EmailQueue | null => (config.email ? new NestEmailQueue(redis, prefix ? { prefix } : {}) : null),
  };
}
