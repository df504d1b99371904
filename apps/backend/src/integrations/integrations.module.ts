import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { ChannelTokenManager, ConnectChannel, createAlertRaiser, type EmailJobs, type Logger, ManageChannel, MetaCallbacks, OAuthStateStore } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { type Database, EmailAlertsRepository, IntegrationsRepository, NotificationsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { PublishScheduler } from '@herald/queue';
import type Redis from 'ioredis';
import { CONFIG, DATABASE, EMAIL_JOBS, LOGGER, PROVIDERS, REDIS, TOKEN_CIPHER } from '../infra/tokens';
import { CHANNEL_TOKEN_MANAGER_PROVIDER } from './channel-token-manager.provider';
import { IntegrationsController } from './integrations.controller';
import { MetaCallbacksController } from './meta-callbacks.controller';

const cancelJobsWith = (scheduler: PublishScheduler) => async (postIds: string[]) => {
  for (const id of postIds) await scheduler.cancel(id);
};

@Module({
  controllers: [IntegrationsController, MetaCallbacksController],
  providers: [
    CHANNEL_TOKEN_MANAGER_PROVIDER,
    {
      provide: ConnectChannel,
      inject: [PROVIDERS, REDIS, IntegrationsRepository, TOKEN_CIPHER, LOGGER, CONFIG],
      useFactory: (registry: ProviderRegistry, redis: Redis, integrations: IntegrationsRepository, cipher: TokenCipher, logger: Logger, config: BackendConfig) =>
        new ConnectChannel({ registry, states: new OAuthStateStore(redis), integrations, cipher, logger, frontendUrl: config.frontendUrl }),
    },
    {
      provide: ManageChannel,
      inject: [PROVIDERS, IntegrationsRepository, TOKEN_CIPHER, LOGGER, CONFIG, PublishScheduler, ChannelTokenManager],
      useFactory: (registry: ProviderRegistry, integrations: IntegrationsRepository, cipher: TokenCipher, logger: Logger, config: BackendConfig, scheduler: PublishScheduler, tokens: ChannelTokenManager) =>
        new ManageChannel({ registry, integrations, cipher, logger, frontendUrl: config.frontendUrl, tokens, cancelJobs: cancelJobsWith(scheduler) }),
    },
    {
      provide: MetaCallbacks,
      inject: [DATABASE, IntegrationsRepository, LOGGER, CONFIG, PublishScheduler, EMAIL_JOBS, REDIS],
      useFactory: (db: Database, integrations: IntegrationsRepository, logger: Logger, config: BackendConfig, scheduler: PublishScheduler, emails: EmailJobs | null, redis: Redis) =>
        new MetaCallbacks({
          firstSeen: async (id, ttlSeconds) => (await redis.set(`herald:meta-signed-request:${id}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK',
          forget: async (id) => {
            await redis.del(`herald:meta-signed-request:${id}`);
          },
          db,
          integrations,
          notifications: new NotificationsRepository(db),
          logger,
          ...(emails ? { alerts: createAlertRaiser({ alerts: new EmailAlertsRepository(db), jobs: emails, logger }) } : {}),
          backendPublicUrl: config.backendPublicUrl,
          cancelJobs: cancelJobsWith(scheduler),
          secrets: () => [
            ...(config.credentials.facebook ? [{ platform: 'facebook' as const, secret: config.credentials.facebook.appSecret }] : []),
            ...(config.credentials.instagram ? [{ platform: 'instagram' as const, secret: config.credentials.instagram.appSecret }] : []),
          ],
        }),
    },
  ],
})
export class IntegrationsModule {}
