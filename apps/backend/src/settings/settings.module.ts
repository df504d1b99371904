import { Module } from '@nestjs/common';
import { apiKeysProviders } from './api-keys.provider';
import { SettingsController } from './settings.controller';

@Module({
  controllers: [SettingsController],
  providers: [...apiKeysProviders],
})
export class SettingsModule {}
