import { Controller, Get, Post } from '@nestjs/common';
import { ApiKeys, type ApiKeyView } from '@herald/core';
import { CurrentSession, Roles, type SessionContext } from '../common/auth-context';

/** The organization's API key for the public API: owners and admins only; the whole key is shown once. */
@Controller('settings')
@Roles('OWNER', 'ADMIN')
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
