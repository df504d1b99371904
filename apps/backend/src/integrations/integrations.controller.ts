import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { BackendConfig } from '@herald/config';
import { AppError, ConnectChannel, ManageChannel, parseProvider } from '@herald/core';
import { IntegrationsRepository } from '@herald/database';
import { PROVIDER_METADATA, type ProviderRegistry } from '@herald/providers';
import { channelRedirectUri } from '@herald/shared';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { CONFIG, PROVIDERS } from '../infra/tokens';
import { IntegrationFunctionDto, SelectPageDto } from './integrations.dto';

function callbackQuery(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw AppError.validation('The body must be the callback URL query parameters as a JSON object', [{ field: 'body', message: 'must be an object' }]);
  }
  const entries = Object.entries(body as Record<string, unknown>);
  const bad = entries.filter(([key, value]) => typeof value !== 'string' || value.length > 4096 || key.length > 64);
  if (entries.length > 30 || bad.length > 0) {
    throw AppError.validation(
      'Each callback parameter must be a string as the platform sent it',
      bad.map(([key]) => ({ field: key.slice(0, 64), message: 'must be a string of at most 4096 characters' })),
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Thin: parse, authorise, delegate to the channel use cases in @herald/core. */
@Controller('integrations')
@Allow('channels')
export class IntegrationsController {
  constructor(
    private readonly connect: ConnectChannel,
    private readonly manage: ManageChannel,
    private readonly integrations: IntegrationsRepository,
    @Inject(PROVIDERS) private readonly registry: ProviderRegistry,
    @Inject(CONFIG) private readonly config: BackendConfig,
  ) {}

  // What composing and the calendar read: every role.
  @Get()
  @Allow('posts')
  catalogue() {
    return this.registry.catalogue().map((entry) => ({
      ...entry,
      requiredEnv: PROVIDER_METADATA[entry.identifier].requiredEnv,
      redirectUri: channelRedirectUri(this.config.frontendUrl, entry.identifier),
      // Meta's app settings also ask for these two server-to-server URLs (App Review requires them).
      ...(entry.identifier === 'x'
        ? {}
        : {
            callbacks: {
              deauthorize: `${this.config.backendPublicUrl}/integrations/meta/deauthorize`,
              dataDeletion: `${this.config.backendPublicUrl}/integrations/meta/data-deletion`,
            },
          }),
    }));
  }

  @Get('list')
  @Allow('posts')
  async list(@CurrentSession() session: SessionContext) {
    const rows = await this.integrations.list(session.organizationId);
    return {
      integrations: rows.map((row) => ({
        id: row.id,
        name: row.name,
        identifier: row.providerIdentifier,
        picture: row.picture,
        username: row.profile,
        disabled: row.disabled,
        refreshNeeded: row.refreshNeeded,
        inBetweenSteps: row.inBetweenSteps,
        // X: the account's subscription allows long posts (read from X at connect); the composer's limit follows it.
        ...(row.providerIdentifier === 'x' ? { premium: isPremium(row.settings) } : {}),
        type: 'social' as const,
        customer: row.customer,
        ...(this.config.demoMode ? { sandbox: true } : {}),
      })),
    };
  }

  @Get('social/:provider')
  getIntegrationUrl(@CurrentSession() session: SessionContext, @Param('provider') provider: string, @Query('refresh') refresh?: string) {
    const refreshId = refresh === undefined ? undefined : new UuidPipe().transform(refresh);
    return this.connect.start(session, provider, refreshId);
  }

  @Post('social/:provider/connect')
  @HttpCode(200)
  connectSocialMedia(@CurrentSession() session: SessionContext, @Param('provider') provider: string, @Body() body: unknown) {
    parseProvider(provider);
    return this.connect.finish(session, provider, callbackQuery(body));
  }

  /** Dispatches an explicit allow-list of provider functions (never a method name taken from the body). */
  @Post('function')
  @HttpCode(200)
  async functionIntegration(@CurrentSession() session: SessionContext, @Body() body: IntegrationFunctionDto) {
    switch (body.name) {
      case 'pages':
        return this.connect.listPages(session, body.id);
      case 'refresh':
        return this.manage.refresh(session, body.id);
    }
  }

  @Get(':id/pages')
  pages(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string) {
    return this.connect.listPages(session, id);
  }

  @Post(':id/pages')
  @HttpCode(200)
  selectPage(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: SelectPageDto) {
    return this.connect.selectPage(session, id, body.pageId);
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string) {
    await this.manage.setDisabled(session, id, true);
    return { id, disabled: true };
  }

  @Post(':id/enable')
  @HttpCode(200)
  async enable(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string) {
    await this.manage.setDisabled(session, id, false);
    return { id, disabled: false };
  }

  @Post(':id/refresh')
  @HttpCode(200)
  refresh(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string) {
    return this.manage.refresh(session, id);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string) {
    return this.manage.delete(session, id);
  }
}

function isPremium(settings: unknown): boolean {
  return typeof settings === 'object' && settings !== null && (settings as Record<string, unknown>)['premium'] === true;
}
