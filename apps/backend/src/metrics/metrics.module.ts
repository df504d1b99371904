import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@herald/database';
import type Redis from 'ioredis';
import { DATABASE, REDIS } from '../infra/tokens';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: MetricsService,
      // The backend's own Redis connection is shared: BullMQ's Queue only reads counts through it, and it fails fast.
      useFactory: (db: Database, redis: Redis) => new MetricsService(new MetricsRepository(db, redis)),
      inject: [DATABASE, REDIS],
    },
  ],
})
export class MetricsModule implements OnApplicationShutdown {
  constructor(@Inject(MetricsService) private readonly metrics: MetricsService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.metrics.close();
  }
}
