import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { PreviewLinks } from '@herald/core';
import type { PreviewCommentView, PublicPreview } from '@herald/shared';
import type { Request } from 'express';
import { Public } from '../common/auth-context';
import { objectBody } from './planning-input';

/** The client's side of a preview link: no account, the token is the key, and every answer is rate-limited. */
@Controller('preview')
@Public()
export class ClientPreviewController {
  constructor(private readonly previews: PreviewLinks) {}

  @Get(':token')
  view(@Param('token') token: string, @Req() req: Request): Promise<PublicPreview> {
    return this.previews.publicView(token, req.ip ?? 'unknown');
  }

  @Post(':token/comments')
  comment(@Param('token') token: string, @Req() req: Request, @Body() body: unknown): Promise<Omit<PreviewCommentView, 'id'>> {
    return this.previews.comment(token, req.ip ?? 'unknown', objectBody(body));
  }
}
