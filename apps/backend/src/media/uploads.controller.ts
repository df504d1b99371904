import { Controller, Get, Param, Res } from '@nestjs/common';
import { AppError, LocalMediaStorage } from '@herald/core';
import type { Response } from 'express';
import { Public } from '../common/auth-context';

/**
 * `/uploads/<key>`: the media files, public because platforms fetch them. Only keys the storage itself made are
 * served (a strict pattern, so no traversal and no listing), with the type of the content they were checked for.
 */
@Public()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly storage: LocalMediaStorage) {}

  @Get('*path')
  async serve(@Param('path') path: string | string[], @Res() res: Response): Promise<void> {
    const key = Array.isArray(path) ? path.join('/') : path;
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
