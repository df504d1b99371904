import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { AnalyticsQueries, type AnalyticsData, type IntegrationSettingsOutput, parseDays, PublicApiError, PublicChannels, type PublicIntegration } from '@herald/core';
import { PUBLIC_API_PATHS, PublicApiController, PublicOrg } from './public-org.decorator';

@Controller(PUBLIC_API_PATHS)
@PublicApiController()
export class PublicChannelsController {
  constructor(
    private readonly channels: PublicChannels,
    private readonly analyticsQueries: AnalyticsQueries,
  ) {}

  @Get('integrations')
  list(@PublicOrg() org: string, @Query('group') group?: unknown): Promise<PublicIntegration[]> {
    return this.channels.list(org, group);
  }

  /** The organization's customers (groups of channels). */
  @Get('groups')
  groups(@PublicOrg() org: string): Promise<{ id: string; name: string }[]> {
    return this.channels.groups(org);
  }

  @Get('is-connected')
  isConnected(): { connected: true } {
    return { connected: true };
  }

  @Get('integration-settings/:id')
  settings(@PublicOrg() org: string, @Param('id') id: string): Promise<{ output: IntegrationSettingsOutput }> {
    return this.channels.settings(org, id);
  }

  @Post('integration-trigger/:id')
  trigger(@PublicOrg() org: string, @Param('id') id: string, @Body() body: unknown): Promise<never> {
    return this.channels.trigger(org, id, body);
  }

  @Get('find-slot/:id')
  findSlot(@PublicOrg() org: string, @Param('id') id: string): Promise<{ date: string }> {
    return this.channels.findSlot(org, id);
  }

  @Delete('integrations/:id')
  delete(@PublicOrg() org: string, @Param('id') id: string): Promise<PublicIntegration & { deletedAt: string }> {
    return this.channels.delete(org, id);
  }

  @Get('social/:integration')
  connect(@PublicOrg() org: string, @Param('integration') identifier: string, @Query('refresh') refresh: unknown): Promise<{ url: string }> {
    return this.channels.connectUrl(org, identifier, typeof refresh === 'string' && refresh !== '' ? refresh : undefined);
  }

  /** docs/public-api.md §4.4: the channel's figures over `date` days, from the snapshots (read live when over an hour old). */
  @Get('analytics/:integration')
  async analytics(@PublicOrg() org: string, @Param('integration') id: string, @Query('date') date: unknown): Promise<AnalyticsData[]> {
    await this.channels.analytics(org, id);
    const data = await this.analyticsQueries.channelPublic(org, id, parseDays(date));
    if (!data) throw PublicApiError.msg(404, 'Integration not found');
    return data;
  }
}
