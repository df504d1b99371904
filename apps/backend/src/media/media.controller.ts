import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { AppError, MediaLibrary, type MediaListView, type MediaView } from '@herald/core';
import type { MediaFilter } from '@herald/database';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { AltDto, cropRequestOf } from './media.dto';
import { UploadAdmission, UploadAllowance } from './upload-allowance';
import type { UploadedPart } from './upload-staging.engine';

function pageOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(page)) throw AppError.validation('The page is invalid.', [{ field: 'page', message: 'page must be a whole number (1 is the first page)' }]);
  return Math.max(1, page);
}

function filterOf(search: unknown, type: unknown): MediaFilter {
  const filter: MediaFilter = {};
  if (typeof search === 'string' && search.trim() !== '') filter.search = search.trim().slice(0, 200);
  else if (search !== undefined && typeof search !== 'string') throw AppError.validation('The search is invalid.', [{ field: 'search', message: 'search must be text' }]);
  if (type === 'image' || type === 'video') filter.kind = type;
  else if (type !== undefined && type !== '') throw AppError.validation('The type is invalid.', [{ field: 'type', message: 'type must be image or video' }]);
  return filter;
}

@Controller('media')
@Allow('media')
export class MediaController {
  constructor(
    private readonly library: MediaLibrary,
    private readonly allowance: UploadAllowance,
  ) {}

  @Post('upload')
  @UseGuards(UploadAdmission)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@CurrentSession() session: SessionContext, @UploadedFile() file: Partial<UploadedPart> | undefined): Promise<MediaView> {
    if (!file?.staged) throw AppError.badRequest('bad_request', 'Send the file as the multipart field "file".');
    await this.allowance.assertRoom(session.organizationId, file.staged);
    return this.library.add(session.organizationId, file.staged, file.originalname);
  }

  @Get()
  list(@CurrentSession() session: SessionContext, @Query('page') page: unknown, @Query('search') search: unknown, @Query('type') type: unknown): Promise<MediaListView> {
    return this.library.list(session.organizationId, pageOf(page), filterOf(search, type));
  }

  @Put(':id')
  setAlt(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: AltDto): Promise<MediaView> {
    return this.library.setAlt(session.organizationId, id, body.alt);
  }

  @Post(':id/crop')
  crop(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: unknown): Promise<MediaView> {
    return this.library.crop(session.organizationId, id, cropRequestOf(body));
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.library.remove(session.organizationId, id);
    return { id, deleted: true };
  }
}
