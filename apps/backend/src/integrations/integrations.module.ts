import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { ConnectChannel, type Logger, ManageChannel, OAuthStateStore } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { IntegrationsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import type Redis from 'ioredis';
import { CONFIG, LOGGER, PROVIDERS, REDIS, TOKEN_CIPHER } from '../infra/tokens';
import { IntegrationsController } from './integrations.controller';

@Module({
  controllers: [IntegrationsController],
  providers: [
    {
      provide: ConnectChannel,
      inject: [PROVIDERS, REDIS, IntegrationsRepository, TOKEN_CIPHER, LOGGER, CONFIG],
      useFactory: (registry: ProviderRegistry, redis: Redis, integrations: IntegrationsRepository, cipher: TokenCipher, logger: Logger, config: BackendConfig) =>
        new ConnectChannel({ registry, states: new OAuthStateStore(redis), integrations, cipher, logger, frontendUrl: config.frontendUrl }),
    },
    {
      provide: ManageChannel,
      inject: [PROVIDERS, IntegrationsRepository, TOKEN_CIPHER, LOGGER, CONFIG],
      useFactory: (registry: ProviderRegistry, integrations: IntegrationsRepository, cipher: TokenCipher, logger: Logger, config: BackendConfig) =>
        new ManageChannel({ registry, integrations, cipher, logger, frontendUrl: config.frontendUrl }),
    },
  ],
})
export class IntegrationsModule {}
