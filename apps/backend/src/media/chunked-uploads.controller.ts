import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import type { MediaView } from '@herald/core';
import type { Request } from 'express';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { ChunkedUploads, type UploadStatus } from './chunked-uploads';
import { UploadAdmission } from './upload-allowance';

/**
 * Large files in parts, with resume (docs/api-additions.md#chunked-uploads): start, PUT each part as the raw body,
 * GET what arrived, complete. Starting counts as one upload against UPLOAD_RATE_LIMIT.
 */
@Controller('media/uploads')
@Allow('media')
export class ChunkedUploadsController {
  constructor(private readonly uploads: ChunkedUploads) {}

  @Post()
  @UseGuards(UploadAdmission)
  start(@CurrentSession() session: SessionContext, @Body() body: unknown): Promise<UploadStatus> {
    return this.uploads.create(session.organizationId, body);
  }

  @Get(':id')
  status(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<UploadStatus> {
    return this.uploads.status(session.organizationId, id);
  }

  @Put(':id/chunks/:index')
  chunk(
    @CurrentSession() session: SessionContext,
    @Param('id', UuidPipe) id: string,
    @Param('index') index: string,
    @Req() req: Request,
    @Headers('content-length') contentLength: string | undefined,
  ): Promise<{ index: number; size: number }> {
    return this.uploads.putChunk(session.organizationId, id, index, req, contentLength);
  }

  @Post(':id/complete')
  complete(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<MediaView> {
    return this.uploads.complete(session.organizationId, id);
  }

  @Delete(':id')
  @HttpCode(200)
  async abort(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ uploadId: string; deleted: true }> {
    await this.uploads.abort(session.organizationId, id);
    return { uploadId: id, deleted: true };
  }
}
