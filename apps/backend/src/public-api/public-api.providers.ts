import type { BackendConfig } from '@herald/config';
import {
  ChannelTokenManager,
  ConnectChannel,
  LocalMediaStorage,
  type Logger,
  ManageChannel,
  MediaLibrary,
  OAuthStateStore,
  PostCommands,
  PostQueries,
  PublicApiReads,
  PublicChannels,
  PublicMedia,
  PublicPosts,
  RedisRateLimiter,
  SchedulePost,
} from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import { ApiKeysRepository, type Database, IntegrationsRepository, MediaRepository, OrganizingRepository, PostsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { PublishScheduler } from '@herald/queue';
import type Redis from 'ioredis';
import { CHANNEL_TOKEN_MANAGER_PROVIDER } from '../integrations/channel-token-manager.provider';
import { CLOCK, type Clock, CONFIG, DATABASE, LOGGER, PROVIDERS, REDIS, TOKEN_CIPHER } from '../infra/tokens';

export const PUBLIC_API_READS = Symbol('PUBLIC_API_READS');

/** The public API's use cases, built over the same repositories and use cases as the dashboard's. */
export const publicApiProviders = [
  CHANNEL_TOKEN_MANAGER_PROVIDER,
  { provide: PUBLIC_API_READS, inject: [DATABASE], useFactory: (db: Database) => new PublicApiReads(db) },
  { provide: RedisRateLimiter, inject: [REDIS], useFactory: (redis: Redis) => new RedisRateLimiter(redis) },
  { provide: PostsRepository, inject: [DATABASE], useFactory: (db: Database) => new PostsRepository(db) },
  // LocalMediaStorage (local disk or S3, createMediaStorage) comes from the global InfraModule.
  {
    provide: MediaLibrary,
    inject: [LocalMediaStorage, DATABASE, CLOCK],
    useFactory: (storage: LocalMediaStorage, db: Database, clock: Clock) => new MediaLibrary(storage, new MediaRepository(db), () => clock.now()),
  },
  {
    provide: PublicPosts,
    inject: [SchedulePost, PostCommands, PostQueries, PostsRepository, CLOCK],
    useFactory: (schedule: SchedulePost, commands: PostCommands, queries: PostQueries, posts: PostsRepository, clock: Clock) =>
      new PublicPosts({ schedule, commands, queries, posts, now: () => clock.now() }),
  },
  {
    provide: PublicMedia,
    inject: [MediaLibrary, LocalMediaStorage, PUBLIC_API_READS, CONFIG],
    useFactory: (library: MediaLibrary, storage: LocalMediaStorage, reads: PublicApiReads, config: BackendConfig) =>
      new PublicMedia({ library, storage, reads, allowPrivate: config.uploadFromUrlAllowPrivate }),
  },
  {
    provide: PublicChannels,
    inject: [PROVIDERS, IntegrationsRepository, ApiKeysRepository, TOKEN_CIPHER, LOGGER, CONFIG, REDIS, PUBLIC_API_READS, PublishScheduler, CLOCK, OrganizingRepository, ChannelTokenManager],
    useFactory: (
      registry: ProviderRegistry,
      integrations: IntegrationsRepository,
      keys: ApiKeysRepository,
      cipher: TokenCipher,
      logger: Logger,
      config: BackendConfig,
      redis: Redis,
      reads: PublicApiReads,
      scheduler: PublishScheduler,
      clock: Clock,
      customers: OrganizingRepository,
      tokens: ChannelTokenManager,
    ) => {
      const cancelJobs = async (postIds: string[]) => {
        for (const id of postIds) await scheduler.cancel(id);
      };
      const manage = new ManageChannel({ registry, integrations, cipher, logger, frontendUrl: config.frontendUrl, tokens, cancelJobs });
      const connect = new ConnectChannel({ registry, states: new OAuthStateStore(redis), integrations, cipher, logger, frontendUrl: config.frontendUrl });
      return new PublicChannels({ integrations, customers, keys, manage, connect, reads, now: () => clock.now() });
    },
  },
];
