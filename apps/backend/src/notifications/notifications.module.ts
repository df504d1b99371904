import { Module } from '@nestjs/common';
import { type Database, NotificationsRepository } from '@herald/database';
import { DATABASE } from '../infra/tokens';
import { NotificationsController } from './notifications.controller';

@Module({
  controllers: [NotificationsController],
  providers: [{ provide: NotificationsRepository, inject: [DATABASE], useFactory: (db: Database) => new NotificationsRepository(db) }],
})
export class NotificationsModule {}
