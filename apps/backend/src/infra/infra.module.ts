import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { createMediaStorage, createProviderRegistry, LocalMediaStorage, type Logger } from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { AccountsRepository, type Database, IntegrationsRepository, OrganizingRepository } from '@herald/database';
import type { ProviderDeps } from '@herald/providers';
import { CalendarCache } from '@herald/queue';
import type Redis from 'ioredis';
import { emailQueueProvider } from './email-queue.provider';
import { publishSchedulerProvider } from './publish-scheduler.provider';
import { CLOCK, CONFIG, DATABASE, LOGGER, PROVIDERS, REDIS, TOKEN_CIPHER, type Clock } from './tokens';

export interface InfraDependencies {
  config: BackendConfig;
  db: Database;
  redis: Redis;
  logger: Logger;
  clock?: Clock;
  /** Tests pass an HTTP client that trusts the sandbox's certificate authority. */
  providerDeps?: Partial<ProviderDeps>;
  /** The email queue's Redis prefix (tests give each spec its own; default `herald`). */
  emailQueuePrefix?: string;
}

/** Wires the process-wide adapters (created in main.ts or by a test) into Nest's container. */
@Global()
@Module({})
export class InfraModule {
  static forRoot(deps: InfraDependencies): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: DATABASE, useValue: deps.db },
      { provide: REDIS, useValue: deps.redis },
      { provide: LOGGER, useValue: deps.logger },
      { provide: CLOCK, useValue: deps.clock ?? { now: () => new Date() } },
      { provide: TOKEN_CIPHER, useValue: new TokenCipher(deps.config.encryption.currentKey, deps.config.encryption.previousKeys) },
      { provide: PROVIDERS, useValue: createProviderRegistry(deps.config, deps.providerDeps) },
      publishSchedulerProvider,
      emailQueueProvider(deps.emailQueuePrefix),
      { provide: LocalMediaStorage, useValue: createMediaStorage(deps.config) },
      { provide: AccountsRepository, useFactory: (db: Database) => new AccountsRepository(db), inject: [DATABASE] },
      { provide: IntegrationsRepository, useFactory: (db: Database) => new IntegrationsRepository(db), inject: [DATABASE] },
      { provide: CalendarCache, useFactory: (redis: Redis) => new CalendarCache(redis), inject: [REDIS] },
      { provide: OrganizingRepository, useFactory: (db: Database) => new OrganizingRepository(db), inject: [DATABASE] },
    ];
    return { module: InfraModule, providers, exports: providers.map((p) => p.provide) };
  }
}
