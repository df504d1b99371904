import { Module } from '@nestjs/common';
import { AccountLifecycle, LocalMediaStorage, type Logger } from '@herald/core';
import type { TokenCipher } from '@herald/crypto';
import type { Database } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { PublishScheduler } from '@herald/queue';
import argon2 from 'argon2';
import { DATABASE, LOGGER, PROVIDERS, TOKEN_CIPHER } from '../infra/tokens';
import { AccountController } from './account.controller';

@Module({
  controllers: [AccountController],
  providers: [
    {
      provide: AccountLifecycle,
      inject: [DATABASE, PROVIDERS, TOKEN_CIPHER, LOGGER, PublishScheduler, LocalMediaStorage],
      useFactory: (db: Database, registry: ProviderRegistry, cipher: TokenCipher, logger: Logger, scheduler: PublishScheduler, storage: LocalMediaStorage) => {
        return new AccountLifecycle({
          db,
          registry,
          cipher,
          logger,
          verifyPassword: (hash, password) => argon2.verify(hash, password).catch(() => false),
          cancelJob: (postId) => scheduler.cancel(postId),
          removeFile: async (key) => {
            if (storage.isKey(key)) await storage.remove(key);
          },
          // Local disk or the S3 bucket: every file under `<organization id>/`.
          removeOrganizationFiles: async (organizationId) => {
            const keys: string[] = [];
            for await (const object of storage.list(`${organizationId.toLowerCase()}/`)) keys.push(object.key);
            await storage.removeKeys(keys);
          },
        });
      },
    },
  ],
})
export class AccountModule {}
