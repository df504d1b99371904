import { AppError, type LocalMediaStorage, MAX_IMAGE_BYTES, PublicApiError } from '@herald/core';
import { type UploadedPart, UploadStagingEngine } from '../media/upload-staging.engine';

type Done = (error?: unknown, info?: Partial<UploadedPart>) => void;

/** The storage's refusals in /public/v1/upload's family B (docs/public-api.md §4.1). */
export function toPublicUploadError(error: unknown, maxVideoBytes: number): unknown {
  if (error instanceof AppError && error.code === 'unsupported_media_type') return PublicApiError.nest(400, 'Unsupported file type.');
  if (error instanceof AppError && error.status === 413) {
    return PublicApiError.nest(400, `File size exceeds the maximum allowed size of ${MAX_IMAGE_BYTES} bytes (images) or ${maxVideoBytes} bytes (videos).`);
  }
  return error;
}

/** The dashboard's streaming, content-sniffing upload engine, answering in the public API's words. */
export class PublicUploadEngine extends UploadStagingEngine {
  private readonly maxVideoBytes: number;

  constructor(storage: LocalMediaStorage) {
    super(storage);
    this.maxVideoBytes = storage.maxVideoBytes;
  }

  override _handleFile(req: unknown, file: UploadedPart, done: Done): void {
    super._handleFile(req, file, (error, info) => (error ? done(toPublicUploadError(error, this.maxVideoBytes)) : done(null, info)));
  }
}
