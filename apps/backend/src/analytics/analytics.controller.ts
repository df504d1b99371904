import { Controller, Get, Param, Query } from '@nestjs/common';
import { AnalyticsQueries, AppError, type ChannelOverview, isUuid, type PostFigures } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';

const PERIODS = ['7', '30', '90'];

function periodOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 7;
  if (typeof raw !== 'string' || !PERIODS.includes(raw)) {
    throw AppError.validation('The period is invalid.', [{ field: 'days', message: 'days must be 7, 30 or 90' }]);
  }
  return Number(raw);
}

// The dashboard's Analytics page and the calendar preview's figures (docs/api-additions.md#analytics): every member reads them.
@Controller('analytics')
@Allow('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsQueries) {}

  /** A channel's series over 7, 30 or 90 days, and its best posts of the period. */
  @Get('channels/:id')
  async channel(@CurrentSession() session: SessionContext, @Param('id') id: string, @Query('days') days: unknown): Promise<ChannelOverview> {
    const period = periodOf(days);
    const overview = isUuid(id) ? await this.analytics.overview(session.organizationId, id, period) : null;
    if (!overview) throw AppError.notFound('Channel not found');
    return overview;
  }

  /** A post's latest figures. */
  @Get('posts/:id')
  async post(@CurrentSession() session: SessionContext, @Param('id') id: string): Promise<PostFigures> {
    const figures = isUuid(id) ? await this.analytics.postFigures(session.organizationId, id) : null;
    if (!figures) throw AppError.notFound('Post not found');
    return figures;
  }
}
