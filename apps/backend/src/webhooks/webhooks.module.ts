import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { ManageWebhooks } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { type Database, IntegrationsRepository, WebhooksRepository } from '@herald/database';
import { CLOCK, type Clock, CONFIG, DATABASE, TOKEN_CIPHER } from '../infra/tokens';
import { WebhooksController } from './webhooks.controller';

@Module({
  controllers: [WebhooksController],
  providers: [
    { provide: WebhooksRepository, inject: [DATABASE], useFactory: (db: Database) => new WebhooksRepository(db) },
    {
      provide: ManageWebhooks,
      inject: [WebhooksRepository, IntegrationsRepository, TOKEN_CIPHER, CLOCK, CONFIG],
      useFactory: (webhooks: WebhooksRepository, integrations: IntegrationsRepository, cipher: TokenCipher, clock: Clock, config: BackendConfig) =>
        // The same opt-in as upload-from-url: outbound requests may reach private networks only when it is on.
        new ManageWebhooks({ webhooks, integrations, cipher, now: () => clock.now(), allowPrivate: config.uploadFromUrlAllowPrivate }),
    },
  ],
})
export class WebhooksModule {}
