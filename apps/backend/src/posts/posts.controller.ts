import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { PostCommands, type PostGroupView, PostQueries, type PostStateView, SchedulePost } from '@herald/core';
import type { CreatePostResultItem, PostListResponse } from '@herald/shared';
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
  ) {}

  @Post()
  create(@CurrentSession() session: SessionContext, @Body() body: unknown): Promise<CreatePostResultItem[]> {
    return this.schedule.create(session.organizationId, body);
  }

  @Get()
  list(@CurrentSession() session: SessionContext, @Query() query: Record<string, unknown>): Promise<PostListResponse> {
    return this.queries.list(session.organizationId, query);
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
