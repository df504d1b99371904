/**
 * Where the media library's files live (docs/operations.md#post-media). Publishing reads a post's media here, never over HTTP from
 * an address someone typed: a post can only carry files of Herald's own uploads. The local-disk adapter is
 * LocalMediaStorage; another store (S3) would implement the same port.
 */
export interface MediaStorage {
  /** Herald's public URL of a key (what platforms that fetch media themselves are given). */
  urlOf(key: string): string;
  /** The key behind one of this storage's public URLs (query ignored), else `undefined`. */
  keyOfUrl(url: string): string | undefined;
  /** A file's bytes. Throws MediaReadError, whose message names neither paths nor hosts. */
  read(key: string, maxBytes: number): Promise<Buffer>;
}

export class MediaReadError extends Error {
  constructor(
    readonly reason: 'missing' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'MediaReadError';
  }
}
