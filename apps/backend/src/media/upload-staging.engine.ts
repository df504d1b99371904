import type { Readable } from 'node:stream';
import type { LocalMediaStorage, StagedUpload } from '@herald/core';

/** The part of multer's file object this engine reads and writes. */
export interface UploadedPart {
  stream: Readable;
  originalname?: string;
  staged?: StagedUpload;
}

type Done = (error?: unknown, info?: Partial<UploadedPart>) => void;

/**
 * A multer storage engine that streams the `file` part into the media storage's staging area: the type is
 * recognised from the first bytes and the size capped per type while the bytes arrive, so a refused upload is
 * never held in memory nor fully written. The controller then moves the staged file into the library.
 */
export class UploadStagingEngine {
  constructor(private readonly storage: LocalMediaStorage) {}

  _handleFile(_req: unknown, file: UploadedPart, done: Done): void {
    this.storage.stage(file.stream).then(
      (staged) => done(null, { staged }),
      (error: unknown) => {
        // Let the rest of the part flow away so the request can be answered.
        file.stream.resume();
        done(error);
      },
    );
  }

  _removeFile(_req: unknown, file: Partial<UploadedPart>, done: (error: Error | null) => void): void {
    if (!file.staged) return done(null);
    this.storage.discard(file.staged).then(
      () => done(null),
      (error: Error) => done(error),
    );
  }
}
