import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { AppError, ImportPosts, PreviewLinks, SeriesCommands } from '@herald/core';
import { AccountsRepository } from '@herald/database';
import type { Response } from 'express';
import { type CreatePostResultItem, IMPORT_MAX_BYTES, type ImportDryRun, type ImportResult, type PreviewCommentView, type PreviewLinkView } from '@herald/shared';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { type CsvPart, CsvRowsEngine } from './csv-rows.engine';
import { dryRunOf, objectBody } from './planning-input';

/** Duplicate, recurring series, CSV import and client preview links of post groups (docs/planning.md). */
@Controller('posts')
@Allow('posts')
export class PostPlanningController {
  constructor(
    private readonly series: SeriesCommands,
    private readonly previews: PreviewLinks,
    private readonly imports: ImportPosts,
    private readonly accounts: AccountsRepository,
  ) {}

  @Post('import')
  @UseInterceptors(FileInterceptor('file', { storage: new CsvRowsEngine(), limits: { files: 1, fields: 8, fileSize: IMPORT_MAX_BYTES } }))
  async import(
    @CurrentSession() session: SessionContext,
    @Query('dryRun') dryRun: unknown,
    @UploadedFile() file: Partial<CsvPart> | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportDryRun | ImportResult> {
    const dry = dryRunOf(dryRun);
    if (!file?.rows) throw AppError.badRequest('bad_request', 'Send the CSV file as the multipart field "file".');
    const user = await this.accounts.findUserWithMemberships(session.userId);
    if (!user) throw AppError.unauthorized();
    if (!dry) return this.imports.run(session.organizationId, user.timezone, file.rows);
    // A dry run creates nothing: 200, where the real run answers 201.
    res.status(200);
    return this.imports.dryRun(session.organizationId, user.timezone, file.rows);
  }

  @Post(':group/duplicate')
  duplicate(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string, @Body() body: unknown): Promise<{ group: string }> {
    return this.series.duplicate(session.organizationId, group, objectBody(body)['date']);
  }

  /** Edits this occurrence of a recurring post only (same body as PUT /posts/:group). */
  @Put(':group/occurrence')
  editOccurrence(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string, @Body() body: unknown): Promise<CreatePostResultItem[]> {
    return this.series.editOccurrence(session.organizationId, group, body);
  }

  @Delete(':group/occurrence')
  @HttpCode(200)
  deleteOccurrence(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string) {
    return this.series.deleteOccurrence(session.organizationId, group);
  }

  @Delete(':group/series')
  @HttpCode(200)
  deleteSeries(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string) {
    return this.series.deleteSeries(session.organizationId, group);
  }

  @Post(':group/preview')
  createPreview(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string, @Body() body: unknown): Promise<PreviewLinkView> {
    return this.previews.create(session.organizationId, group, objectBody(body));
  }

  @Get(':group/preview')
  preview(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string): Promise<PreviewLinkView> {
    return this.previews.current(session.organizationId, group);
  }

  @Delete(':group/preview')
  @HttpCode(200)
  revokePreview(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string): Promise<{ revoked: true }> {
    return this.previews.revoke(session.organizationId, group);
  }

  @Get(':group/comments')
  comments(@CurrentSession() session: SessionContext, @Param('group', UuidPipe) group: string): Promise<{ comments: PreviewCommentView[] }> {
    return this.previews.comments(session.organizationId, group);
  }
}
