/**
 * Where the media library's files live (docs/operations.md#post-media). Publishing reads a post's media here, never over HTTP from
 * an address someone typed: a post can only carry files of Herald's own uploads. The local-disk adapter is
 * LocalMediaStorage; S3MediaStorage implements the same port.
 */
export interface MediaStorage {
  /** Herald's public URL of a key (what platforms that fetch media themselves are given). */
  urlOf(key: string): string;
  /** The key behind one of this storage's public URLs (query ignored), else `undefined`. */
  keyOfUrl(url: string): string | undefined;
  /** A file's bytes, whole in memory (images: at most `maxBytes`). Throws MediaReadError, whose message names neither paths nor hosts. */
  read(key: string, maxBytes: number): Promise<Buffer>;
  /**
   * A file opened for streaming, checked against its type's cap (images 10 MB, videos UPLOAD_MAX_VIDEO_MB): its size,
   * then its bytes in parts, so a large video is never held whole in memory. Throws MediaReadError.
   */
  open(key: string): Promise<StoredFile>;
}

/** A stored file: its size, and its bytes read from the storage in parts. */
export interface StoredFile {
  size: number;
  /**
   * The bytes in parts of exactly `partBytes` (the last one shorter), read as they are consumed: each call reads the
   * file again from its start. Throws MediaReadError when the file is gone or no longer has `size` bytes.
   */
  chunks(partBytes: number): AsyncIterable<Buffer>;
}

export class MediaReadError extends Error {
  constructor(
    readonly reason: 'missing' | 'too_large' | 'changed',
    message: string,
  ) {
    super(message);
    this.name = 'MediaReadError';
  }
}

/**
 * Cuts a stream of buffers of any sizes into parts of exactly `partBytes` (the last one shorter), checking that it
 * carries `size` bytes in all. Parts are copied only when they straddle two of the stream's buffers.
 */
export async function* inParts(source: AsyncIterable<Uint8Array>, partBytes: number, size: number): AsyncGenerator<Buffer> {
  if (!Number.isInteger(partBytes) || partBytes < 1) throw new RangeError('partBytes must be a positive integer');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  const changed = () => new MediaReadError('changed', 'This media file changed while it was being read; try again.');
  for await (const raw of source) {
    let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    total += chunk.length;
    if (total > size) throw changed();
    while (pendingBytes + chunk.length >= partBytes) {
      const take = partBytes - pendingBytes;
      pending.push(chunk.subarray(0, take));
      yield pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, partBytes);
      pending = [];
      pendingBytes = 0;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) {
      pending.push(chunk);
      pendingBytes += chunk.length;
    }
  }
  if (total !== size) throw changed();
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}
