import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { PostCommands, type PostGroupView, PostQueries, type PostStateView, SchedulePost } from '@herald/core';
import { CalendarCache } from '@herald/queue';
import type { CreatePostResultItem } from '@herald/shared';
import type { Request, Response } from 'express';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { MovePostDto, RetryPostDto } from './posts.dto';

// The post body is `unknown` on purpose: the global ValidationPipe refuses unknown fields, while Postiz clients
// send extra ones that must be ignored. The use case validates it with the shared rules instead.
@Controller('posts')
@Allow('posts')
export class PostsController {
  constructor(
    private readonly schedule: SchedulePost,
    private readonly commands: PostCommands,
    private readonly queries: PostQueries,
    private readonly calendar: CalendarCache,
  ) {}

  @Post()
  create(@CurrentSession() session: SessionContext, @Body() body: unknown): Promise<CreatePostResultItem[]> {
    return this.schedule.create(session.organizationId, body);
  }

  /**
   * The calendar, as JSON text built by Postgres and sent as it is (the shape of `PostListResponse`). The answer of
   * each organization and range is cached across processes until a write (`CalendarCache`); its ETag makes the
   * dashboard's refetches of an unchanged range cost a 304 (docs/performance.md).
   */
  @Get()
  async list(@CurrentSession() session: SessionContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const range = this.queries.listRange(query);
    const key = range ? `${range.start.toISOString()}/${range.end.toISOString()}/${range.customer ?? ''}` : 'none';
    const entry = await this.calendar.lookup(session.organizationId, key);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', entry.etag);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag)) {
      res.status(304).end();
      return;
    }
    if (entry.body !== undefined) {
      res.status(200).type('application/json').send(entry.body);
      return;
    }
    const body = await this.queries.listJson(session.organizationId, range);
    res.status(200).type('application/json').send(body);
    // Kept after the answer left; a failure only costs the next request a query.
    await this.calendar.store(session.organizationId, key, entry.version, body).catch(() => undefined);
  }

  @Get(':id')
  get(@CurrentSession() session: SessionContext, @Param('id') id: string): Promise<PostGroupView> {
    return this.queries.getGroup(session.organizationId, id);
  }

  @Put(':group')
  replace(@CurrentSession() session: SessionContext, @Param('group') group: string, @Body() body: unknown): Promise<CreatePostResultItem[]> {
    return this.schedule.replaceGroup(session.organizationId, group, body);
  }

  @Put(':id/date')
  move(@CurrentSession() session: SessionContext, @Param('id') id: string, @Body() body: MovePostDto): Promise<PostStateView> {
    return this.commands.move(session.organizationId, id, body.date);
  }

  @Delete(':group')
  remove(@CurrentSession() session: SessionContext, @Param('group') group: string): Promise<{ group: string; deleted: number }> {
    return this.commands.deleteGroup(session.organizationId, group);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentSession() session: SessionContext, @Param('id') id: string, @Body() body: RetryPostDto): Promise<PostStateView> {
    return this.commands.retry(session.organizationId, id, body);
  }
}
