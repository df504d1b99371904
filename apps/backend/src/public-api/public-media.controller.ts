import { Body, Controller, Get, Inject, Post, Query, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { listPublicNotifications, type PublicApiReads, PublicApiError, PublicMedia, type PublicMediaItem, type PublicNotificationsPage, type PublicUploadView } from '@herald/core';
import { UploadAdmission, UploadAllowance } from '../media/upload-allowance';
import type { UploadedPart } from '../media/upload-staging.engine';
import { PUBLIC_API_READS } from './public-api.providers';
import { PUBLIC_API_PATHS, PublicApiController, PublicOrg } from './public-org.decorator';

@Controller(PUBLIC_API_PATHS)
@PublicApiController()
export class PublicMediaController {
  constructor(
    private readonly media: PublicMedia,
    @Inject(PUBLIC_API_READS) private readonly reads: PublicApiReads,
    private readonly allowance: UploadAllowance,
  ) {}

  /** Multipart field `file`; the type is recognised from the bytes, whatever the name or declared type say. */
  @Post('upload')
  @UseGuards(UploadAdmission)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@PublicOrg() org: string, @UploadedFile() file: Partial<UploadedPart> | undefined): Promise<PublicUploadView> {
    if (!file?.staged) throw PublicApiError.msg(400, 'No file provided');
    await this.allowance.assertRoom(org, file.staged);
    return this.media.upload(org, file.staged, file.originalname);
  }

  @Post('upload-from-url')
  @UseGuards(UploadAdmission)
  uploadFromUrl(@PublicOrg() org: string, @Body() body: unknown): Promise<PublicUploadView> {
    return this.media.uploadFromUrl(org, body);
  }

  @Get('media')
  list(@PublicOrg() org: string, @Query('page') page: unknown, @Query('search') search: unknown): Promise<{ pages: number; results: PublicMediaItem[] }> {
    return this.media.list(org, page, search);
  }

  @Get('notifications')
  notifications(@PublicOrg() org: string, @Query('page') page: unknown): Promise<PublicNotificationsPage> {
    return listPublicNotifications(this.reads, org, page);
  }
}
