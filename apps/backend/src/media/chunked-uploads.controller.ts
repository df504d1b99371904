import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { AppError, type MediaView } from '@herald/core';
import type { PartUrls, UploadStatus } from '@herald/shared';
import type { Request } from 'express';
import { CurrentSession, type SessionContext } from '../common/auth-context';
import { Allow } from '../common/permissions';
import { UuidPipe } from '../common/uuid.pipe';
import { ChunkedUploads } from './chunked-uploads';
import { DirectUploads } from './direct-uploads';
import { UploadAdmission } from './upload-allowance';

/**
 * Large files in parts, with resume (docs/api-additions.md#chunked-uploads): start, send each part, GET what
 * arrived, complete. Local storage: the parts are PUT to the API. STORAGE=s3: the answer's `mode` is `direct` and
 * the browser PUTs the parts straight to the bucket by pre-signed URLs (docs/api-additions.md#direct-uploads-to-s3).
 * Starting counts as one upload against UPLOAD_RATE_LIMIT.
 */
@Controller('media/uploads')
@Allow('media')
export class ChunkedUploadsController {
  constructor(
    private readonly uploads: ChunkedUploads,
    private readonly direct: DirectUploads,
  ) {}

  @Post()
  @UseGuards(UploadAdmission)
  start(@CurrentSession() session: SessionContext, @Body() body: unknown): Promise<UploadStatus> {
    return this.direct.enabled ? this.direct.create(session.organizationId, body) : this.uploads.create(session.organizationId, body);
  }

  @Get(':id')
  status(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<UploadStatus> {
    return this.direct.enabled ? this.direct.status(session.organizationId, id) : this.uploads.status(session.organizationId, id);
  }

  @Post(':id/parts')
  @HttpCode(200)
  parts(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: unknown): Promise<PartUrls> {
    return this.direct.partUrls(session.organizationId, id, body);
  }

  @Put(':id/chunks/:index')
  chunk(
    @CurrentSession() session: SessionContext,
    @Param('id', UuidPipe) id: string,
    @Param('index') index: string,
    @Req() req: Request,
    @Headers('content-length') contentLength: string | undefined,
  ): Promise<{ index: number; size: number }> {
    if (this.direct.enabled) {
      req.resume();
      throw AppError.conflict('upload_mode_mismatch', 'This upload goes straight to the bucket: PUT its parts to the URLs of POST /media/uploads/:id/parts.');
    }
    return this.uploads.putChunk(session.organizationId, id, index, req, contentLength);
  }

  @Post(':id/complete')
  complete(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string, @Body() body: unknown): Promise<MediaView> {
    return this.direct.enabled ? this.direct.complete(session.organizationId, id, body) : this.uploads.complete(session.organizationId, id);
  }

  @Delete(':id')
  @HttpCode(200)
  async abort(@CurrentSession() session: SessionContext, @Param('id', UuidPipe) id: string): Promise<{ uploadId: string; deleted: true }> {
    await (this.direct.enabled ? this.direct.abort(session.organizationId, id) : this.uploads.abort(session.organizationId, id));
    return { uploadId: id, deleted: true };
  }
}
