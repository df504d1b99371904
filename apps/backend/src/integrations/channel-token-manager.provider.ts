import type { Provider } from '@nestjs/common';
import { ChannelTokenManager, createAlertRaiser, type EmailJobs, type Logger } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { ChannelStateRepository, type Database, EmailAlertsRepository, PublishingNotificationsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { type Clock, CLOCK, DATABASE, EMAIL_JOBS, LOGGER, PROVIDERS, TOKEN_CIPHER } from '../infra/tokens';

/** The channel-token manager of the API (a person's Refresh): the same refresh, compare-and-set and notice as the workers. */
export const CHANNEL_TOKEN_MANAGER_PROVIDER: Provider = {
  provide: ChannelTokenManager,
  inject: [DATABASE, PROVIDERS, TOKEN_CIPHER, LOGGER, CLOCK, EMAIL_JOBS],
  useFactory: (db: Database, providers: ProviderRegistry, cipher: TokenCipher, logger: Logger, clock: Clock, emails: EmailJobs | null) =>
    new ChannelTokenManager({
      channels: new ChannelStateRepository(db),
      notifications: new PublishingNotificationsRepository(db),
      providers,
      cipher,
      logger,
      now: () => clock.now(),
      ...(emails ? { alerts: createAlertRaiser({ alerts: new EmailAlertsRepository(db), jobs: emails, logger }) } : {}),
    }),
};
