import { Module } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import {
  ImportPosts,
  LocalMediaStorage,
  type Logger,
  MediaLibrary,
  PostCommands,
  PostingSlots,
  PreviewLinks,
  RedisRateLimiter,
  RepeatSeries,
  SchedulePost,
  SeriesCommands,
  Signatures,
} from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import {
  type Database,
  MediaRepository,
  NotificationsRepository,
  PlanningRepository,
  PostCopiesRepository,
  PostsRepository,
  PreviewLinksRepository,
  SignaturesRepository,
} from '@herald/database';
import { PublishScheduler } from '@herald/queue';
import type Redis from 'ioredis';
import { CLOCK, type Clock, CONFIG, DATABASE, LOGGER, REDIS, TOKEN_CIPHER } from '../infra/tokens';
import { PostsModule } from '../posts/posts.module';
import { ClientPreviewController } from './client-preview.controller';
import { PostPlanningController } from './post-planning.controller';
import { SignaturesController } from './signatures.controller';
import { SlotsController } from './slots.controller';

const db = (make: (db: Database) => unknown) => ({ inject: [DATABASE], useFactory: make });

/** The planning workflow: posting times and the queue, recurring posts, duplicates, CSV import, signatures, previews. */
@Module({
  imports: [PostsModule],
  controllers: [SlotsController, PostPlanningController, SignaturesController, ClientPreviewController],
  providers: [
    { provide: PlanningRepository, ...db((d) => new PlanningRepository(d)) },
    { provide: PostCopiesRepository, ...db((d) => new PostCopiesRepository(d)) },
    { provide: SignaturesRepository, ...db((d) => new SignaturesRepository(d)) },
    { provide: PreviewLinksRepository, ...db((d) => new PreviewLinksRepository(d)) },
    {
      provide: PostingSlots,
      inject: [PlanningRepository, CLOCK],
      useFactory: (repo: PlanningRepository, clock: Clock) => new PostingSlots(repo, () => clock.now()),
    },
    {
      provide: RepeatSeries,
      inject: [PostCopiesRepository, PublishScheduler, LOGGER, CLOCK],
      useFactory: (copies: PostCopiesRepository, scheduler: PublishScheduler, logger: Logger, clock: Clock) =>
        new RepeatSeries({ copies, jobs: scheduler, logger, now: () => clock.now() }),
    },
    {
      provide: SeriesCommands,
      inject: [PostCopiesRepository, RepeatSeries, SchedulePost, PostCommands, DATABASE, LocalMediaStorage],
      useFactory: (copies: PostCopiesRepository, repeat: RepeatSeries, schedule: SchedulePost, commands: PostCommands, database: Database, storage: LocalMediaStorage) =>
        new SeriesCommands({ copies, repeat, schedule, commands, media: { lookup: new MediaRepository(database), storage } }),
    },
    {
      provide: Signatures,
      inject: [SignaturesRepository, CLOCK],
      useFactory: (repo: SignaturesRepository, clock: Clock) => new Signatures(repo, () => clock.now()),
    },
    {
      provide: PreviewLinks,
      inject: [PreviewLinksRepository, DATABASE, TOKEN_CIPHER, REDIS, CONFIG, CLOCK],
      useFactory: (links: PreviewLinksRepository, database: Database, cipher: TokenCipher, redis: Redis, config: BackendConfig, clock: Clock) =>
        new PreviewLinks({
          links,
          notifications: new NotificationsRepository(database),
          cipher,
          limiter: new RedisRateLimiter(redis),
          frontendUrl: config.frontendUrl,
          now: () => clock.now(),
        }),
    },
    {
      provide: ImportPosts,
      inject: [PlanningRepository, DATABASE, LocalMediaStorage, PublishScheduler, CONFIG, LOGGER, CLOCK],
      useFactory: (planning: PlanningRepository, database: Database, storage: LocalMediaStorage, scheduler: PublishScheduler, config: BackendConfig, logger: Logger, clock: Clock) => {
        const media = new MediaRepository(database);
        return new ImportPosts({
          planning,
          posts: new PostsRepository(database),
          media,
          library: new MediaLibrary(storage, media, () => clock.now()),
          storage,
          download: { allowPrivate: config.uploadFromUrlAllowPrivate },
          scheduler,
          logger: logger.child({ component: 'import' }),
          now: () => clock.now(),
        });
      },
    },
  ],
})
export class PlanningModule {}
