import { Controller, Get, Post } from '@nestjs/common';
import { ApiKeys, type ApiKeyView } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';

/** The organization's API key for the public API: owners and admins only; the whole key is shown once. */
@Controller('settings')
@Allow('api_key')
export class SettingsController {
  constructor(private readonly apiKeys: ApiKeys) {}

  @Get('api-key')
  current(@CurrentSession() session: SessionContext): Promise<ApiKeyView> {
    return this.apiKeys.current(session.organizationId);
  }

  @Post('api-key')
  rotate(@CurrentSession() session: SessionContext): Promise<ApiKeyView & { apiKey: string }> {
    return this.apiKeys.rotate(session.organizationId);
  }
}
