import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { BackendConfig } from '@herald/config';
import { LocalMediaStorage, MAX_IMAGE_BYTES } from '@herald/core';
import { CONFIG } from '../infra/tokens';
import { UploadAdmission, UploadAllowance } from '../media/upload-allowance';
import { AnalyticsModule } from '../analytics/analytics.module';
import { PostsModule } from '../posts/posts.module';
import { apiKeysProviders } from '../settings/api-keys.provider';
import { PublicApiExceptionFilter } from './public-api-exception.filter';
import { PublicApiGuard } from './public-api.guard';
import { publicApiProviders } from './public-api.providers';
import { PublicChannelsController } from './public-channels.controller';
import { PublicDocsController } from './public-docs.controller';
import { PublicFallbackController } from './public-fallback.controller';
import { PublicMediaController } from './public-media.controller';
import { PublicPostsController } from './public-posts.controller';
import { PublicUploadEngine } from './public-upload.engine';

/** `/public/v1/*` (and `/api/public/v1/*`): Postiz's public API over Herald's use cases (docs/public-api.md). */
@Module({
  imports: [
    PostsModule,
    AnalyticsModule,
    MulterModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: BackendConfig) => ({
        storage: new PublicUploadEngine(new LocalMediaStorage(config.uploadDirectory, config.uploadsPublicUrl, { maxVideoBytes: config.uploadMaxVideoBytes })),
        limits: { files: 1, fields: 16, fileSize: Math.max(config.uploadMaxVideoBytes, MAX_IMAGE_BYTES) + 64 * 1024 },
      }),
    }),
  ],
  // The fallback goes last: it answers only what the others do not serve.
  controllers: [PublicDocsController, PublicChannelsController, PublicPostsController, PublicMediaController, PublicFallbackController],
  providers: [...apiKeysProviders, ...publicApiProviders, PublicApiGuard, PublicApiExceptionFilter, UploadAllowance, UploadAdmission],
})
export class PublicApiModule {}
