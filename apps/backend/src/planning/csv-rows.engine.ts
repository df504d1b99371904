import type { Readable } from 'node:stream';
import { type ImportCsvRow, readImportCsv } from '@herald/core';

/** The part of multer's file object this engine reads and writes. */
export interface CsvPart {
  stream: Readable;
  rows?: ImportCsvRow[];
}

type Done = (error?: unknown, info?: Partial<CsvPart>) => void;

/**
 * A multer storage engine that reads the `file` part as CSV while it arrives (core's streaming reader): rows are
 * kept, the file never is, and a file with too many rows is refused at the first row too many.
 */
export class CsvRowsEngine {
  _handleFile(_req: unknown, file: CsvPart, done: Done): void {
    readImportCsv(file.stream).then(
      (rows) => done(null, { rows }),
      (error: unknown) => {
        file.stream.resume();
        done(error);
      },
    );
  }

  _removeFile(_req: unknown, _file: Partial<CsvPart>, done: (error: Error | null) => void): void {
    done(null);
  }
}
