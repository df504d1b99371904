import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { AnalyticsQueries, type AnalyticsData, isUuid, parseDays, type PostEdit, PublicPosts, type PublicPostView } from '@herald/core';
import type { PublicPostListResponse } from '@herald/shared';
import { PostsRateLimit } from './public-api.guard';
import { PUBLIC_API_PATHS, PublicApiController, PublicOrg } from './public-org.decorator';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

// Bodies are `unknown`: Postiz clients send extra fields that must be ignored, not refused by the global pipe.
@Controller(PUBLIC_API_PATHS)
@PublicApiController()
export class PublicPostsController {
  constructor(
    private readonly posts: PublicPosts,
    private readonly analyticsQueries: AnalyticsQueries,
  ) {}

  @Get('posts')
  list(@PublicOrg() org: string, @Query() query: Record<string, unknown>): Promise<PublicPostListResponse> {
    return this.posts.list(org, query);
  }

  @Post('posts')
  @PostsRateLimit()
  create(@PublicOrg() org: string, @Body() body: unknown): Promise<{ postId: string; integration: string }[]> {
    return this.posts.create(org, body);
  }

  @Get('posts/:id')
  get(@PublicOrg() org: string, @Param('id') id: string): Promise<PublicPostView> {
    return this.posts.get(org, id);
  }

  @Put('posts/:id')
  edit(@PublicOrg() org: string, @Param('id') id: string, @Body() body: unknown): Promise<PublicPostView> {
    const edit: PostEdit = { content: field(body, 'content'), image: field(body, 'image'), date: field(body, 'date') };
    return this.posts.edit(org, id, edit);
  }

  @Delete('posts/group/:group')
  deleteGroup(@PublicOrg() org: string, @Param('group') group: string): Promise<{ error: true }> {
    return this.posts.deleteGroup(org, group);
  }

  @Delete('posts/:id')
  delete(@PublicOrg() org: string, @Param('id') id: string): Promise<{ error: true }> {
    return this.posts.delete(org, id);
  }

  @Put('posts/:id/status')
  status(@PublicOrg() org: string, @Param('id') id: string, @Body() body: unknown): Promise<{ id: string; state: 'DRAFT' | 'QUEUE' }> {
    return this.posts.changeStatus(org, id, field(body, 'status'));
  }

  @Put('posts/:id/settings')
  settings(@PublicOrg() org: string, @Param('id') id: string, @Body() body: unknown): Promise<{ postId: string; publishDate: string }> {
    return this.posts.updateSettings(org, id, field(body, 'settings'));
  }

  @Put('posts/:id/release-id')
  releaseId(@PublicOrg() org: string, @Param('id') id: string): Promise<never> {
    return this.posts.connectReleaseId(org, id);
  }

  /** Herald always has the platform's id of what it published, so there is never a candidate list. */
  @Get('posts/:id/missing')
  missing(): { id: string; url: string }[] {
    return [];
  }

  /** docs/public-api.md §4.4: `{"missing": true}` for a post without its platform id, else its figures over `date` days. */
  @Get('analytics/post/:postId')
  async postAnalytics(@PublicOrg() org: string, @Param('postId') id: string, @Query('date') date: unknown): Promise<AnalyticsData[] | { missing: true }> {
    const known = await this.posts.analytics(org, id);
    if (!Array.isArray(known) || !isUuid(id)) return known;
    return this.analyticsQueries.postPublic(org, id, parseDays(date));
  }
}
