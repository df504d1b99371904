import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { BackendConfig } from '@herald/config';
import { LocalMediaStorage, type Logger, MAX_IMAGE_BYTES, MediaLibrary, MediaMetadataReader } from '@herald/core';
import { type Database, MediaRepository } from '@herald/database';
import { CLOCK, type Clock, CONFIG, DATABASE, LOGGER } from '../infra/tokens';
import { ChunkedUploads } from './chunked-uploads';
import { ChunkedUploadsController } from './chunked-uploads.controller';
import { DirectUploads } from './direct-uploads';
import { MediaController } from './media.controller';
import { UploadAdmission, UploadAllowance } from './upload-allowance';
import { UploadStagingEngine } from './upload-staging.engine';
import { UploadsController } from './uploads.controller';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: BackendConfig) => ({
        storage: new UploadStagingEngine(new LocalMediaStorage(config.uploadDirectory, config.uploadsPublicUrl, { maxVideoBytes: config.uploadMaxVideoBytes })),
        // A backstop only: the staging engine refuses an oversized file (by its type's cap) before this.
        limits: { files: 1, fields: 16, fileSize: Math.max(config.uploadMaxVideoBytes, MAX_IMAGE_BYTES) + 64 * 1024 },
      }),
    }),
  ],
  controllers: [ChunkedUploadsController, MediaController, UploadsController],
  providers: [
    UploadAllowance,
    ChunkedUploads,
    DirectUploads,
    UploadAdmission,
    { provide: MediaRepository, inject: [DATABASE], useFactory: (db: Database) => new MediaRepository(db) },
    {
      provide: MediaLibrary,
      inject: [LocalMediaStorage, MediaRepository, CLOCK, LOGGER],
      useFactory: (storage: LocalMediaStorage, media: MediaRepository, clock: Clock, logger: Logger) =>
        new MediaLibrary(storage, media, () => clock.now(), new MediaMetadataReader({ logger })),
    },
  ],
})
export class MediaModule {}
