import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AnalyticsQueries, CollectAnalytics, createAlertRaiser, type EmailJobs, type Logger } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { AnalyticsRepository, ChannelStateRepository, type Database, EmailAlertsRepository, PublishingNotificationsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { CLOCK, type Clock, CONFIG, DATABASE, EMAIL_JOBS, LOGGER, PROVIDERS, TOKEN_CIPHER } from '../infra/tokens';
import { AnalyticsController } from './analytics.controller';

/** Figures from the snapshots, read live from the platform when older than an hour (docs/analytics.md). */
@Module({
  controllers: [AnalyticsController],
  providers: [
    {
      provide: AnalyticsQueries,
      inject: [DATABASE, PROVIDERS, TOKEN_CIPHER, LOGGER, CONFIG, CLOCK, EMAIL_JOBS],
      useFactory: (db: Database, providers: ProviderRegistry, cipher: TokenCipher, logger: Logger, config: BackendConfig, clock: Clock, emails: EmailJobs | null) => {
        const snapshots = new AnalyticsRepository(db);
        const now = () => clock.now();
        // The publishing engine's dependencies: a live read refreshes tokens (and flags a lost channel) exactly as publishing does.
        const collect = new CollectAnalytics({
          publishing: {
            channels: new ChannelStateRepository(db),
            notifications: new PublishingNotificationsRepository(db),
            providers,
            cipher,
            logger,
            now,
            ...(emails ? { alerts: createAlertRaiser({ alerts: new EmailAlertsRepository(db), jobs: emails, logger }) } : {}),
          },
          snapshots,
          settings: { cadence: { x: config.analytics.x } },
        });
        return new AnalyticsQueries({ snapshots, collect, logger, now });
      },
    },
  ],
  exports: [AnalyticsQueries],
})
export class AnalyticsModule {}
