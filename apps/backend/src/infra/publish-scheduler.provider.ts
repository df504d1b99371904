import type { OnModuleDestroy } from '@nestjs/common';
import { PublishScheduler } from '@herald/queue';
import type Redis from 'ioredis';
import { REDIS } from './tokens';

/** The API's side of the publish queue, on the process's Redis connection (BullMQ leaves a shared one open). */
export class NestPublishScheduler extends PublishScheduler implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}

export const publishSchedulerProvider = {
  provide: PublishScheduler,
  inject: [REDIS],
  useFactory: (redis: Redis) => new NestPublishScheduler(redis),
};
