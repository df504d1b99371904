import { Controller, Get, Param, Res } from '@nestjs/common';
import { AppError, LocalMediaStorage } from '@herald/core';
import type { Response } from 'express';
import { Public } from '../common/auth-context';

/**
 * `/uploads/<key>`: the media files, public because platforms fetch them. Only keys the storage itself made are
 * served (a strict pattern, so no traversal and no listing), with the type of the content they were checked for.
 * With STORAGE=s3 this path redirects to the object (docs/self-hosting.md#media-storage).
 */
@Public()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly storage: LocalMediaStorage) {}

  @Get('*path')
  async serve(@Param('path') path: string | string[], @Res() res: Response): Promise<void> {
    const key = Array.isArray(path) ? path.join('/') : path;
    // STORAGE=s3: the file is in the bucket; platforms and browsers follow a redirect to a pre-signed GET URL (or
    // S3_PUBLIC_URL), so the bytes never pass through the API.
    const elsewhere = await this.storage.downloadUrl(key);
    if (elsewhere) {
      res.setHeader('Cache-Control', 'private, no-store');
      res.redirect(302, elsewhere);
      return;
    }
    const file = this.storage.pathOf(key);
    const type = this.storage.typeOf(key);
    if (!file || !type || !(await this.storage.exists(key))) throw AppError.notFound('File');
    res.setHeader('Content-Type', type.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(file, { dotfiles: 'deny' }, (error?: Error) => {
      if (error && !res.headersSent) res.status(404).json({ statusCode: 404, code: 'not_found', message: 'File was not found' });
    });
  }
}
