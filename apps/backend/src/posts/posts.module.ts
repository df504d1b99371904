import { Module } from '@nestjs/common';
import { LocalMediaStorage, type Logger, PostCommands, PostQueries, type PostUseCaseDeps, SchedulePost } from '@herald/core';
import { type Database, MediaRepository, PostsRepository } from '@herald/database';
import { PublishScheduler } from '@herald/queue';
import { CLOCK, type Clock, DATABASE, LOGGER } from '../infra/tokens';
import { MediaModule } from '../media/media.module';
import { PostsController } from './posts.controller';

const USE_CASE_DEPS = Symbol('POST_USE_CASE_DEPS');

@Module({
  imports: [MediaModule],
  controllers: [PostsController],
  providers: [
    { provide: PostsRepository, inject: [DATABASE], useFactory: (db: Database) => new PostsRepository(db) },
    {
      provide: USE_CASE_DEPS,
      inject: [PostsRepository, PublishScheduler, LocalMediaStorage, DATABASE, CLOCK, LOGGER],
      useFactory: (posts: PostsRepository, scheduler: PublishScheduler, storage: LocalMediaStorage, db: Database, clock: Clock, logger: Logger): PostUseCaseDeps => ({
        posts,
        scheduler,
        storage,
        media: new MediaRepository(db),
        now: () => clock.now(),
        logger: logger.child({ component: 'posts' }),
      }),
    },
    { provide: SchedulePost, inject: [USE_CASE_DEPS], useFactory: (deps: PostUseCaseDeps) => new SchedulePost(deps) },
    { provide: PostCommands, inject: [USE_CASE_DEPS], useFactory: (deps: PostUseCaseDeps) => new PostCommands(deps) },
    { provide: PostQueries, inject: [PostsRepository], useFactory: (posts: PostsRepository) => new PostQueries(posts) },
  ],
  exports: [SchedulePost, PostCommands, PostQueries],
})
export class PostsModule {}
