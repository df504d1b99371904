import { Controller, Delete, Get, HttpCode, Param, Post, Query, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { AppError, MediaLibrary, type MediaListView, type MediaView } from '@herald/core';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { UploadAdmission, UploadAllowance } from './upload-allowance';
import type { UploadedPart } from './upload-staging.engine';

function pageOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(page)) throw AppError.validation('The page is invalid.', [{ field: 'page', message: 'page must be a whole number (1 is the first page)' }]);
  return Math.max(1, page);
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
  list(@CurrentSession() session: SessionContext, @Query('page') page: unknown): Promise<MediaListView> {
    return this.library.list(session.organizationId, pageOf(page));
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ id: string; deleted: true }> {
    await this.library.remove(session.organizationId, id);
    return { id, deleted: true };
  }
}
