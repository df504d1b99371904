import type { MediaRepository } from '@herald/database';
import type { LocalMediaStorage } from './local-media-storage';

/**
 * How long a deleted medium's file stays by default (MEDIA_RETENTION_DAYS), so that posts scheduled with it before
 * the delete still publish.
 */
export const DELETED_MEDIA_GRACE_DAYS = 30;

export interface MediaCleanupOptions {
  /** Media deleted before this instant lose their files. */
  deletedBefore: Date;
  batchSize?: number;
}

/**
 * For the cron: removes the files (and JPEG siblings) of media deleted before the cutoff, then their rows, from
 * whichever storage holds them (local disk or the S3 bucket: `storage.remove` is the adapter's).
 * Returns how many media were purged. Safe to run on several processes: removing a missing file is a no-op.
 */
export async function cleanUpDeletedMedia(deps: { media: MediaRepository; storage: LocalMediaStorage }, options: MediaCleanupOptions): Promise<number> {
  const batchSize = options.batchSize ?? 200;
  let purged = 0;
  for (;;) {
    const batch = await deps.media.findDeletedBefore(options.deletedBefore, batchSize);
    for (const media of batch) {
      if (deps.storage.isKey(media.fileKey)) await deps.storage.remove(media.fileKey);
    }
    purged += await deps.media.purge(batch.map((m) => m.id));
    if (batch.length < batchSize) return purged;
  }
}

const EXTENSIONS = ['jpg', 'png', 'gif', 'webp', 'mp4'];

/**
 * For the cron: removes stored files that no media row names (live or deleted), last written before `olderThan`
 * (MEDIA_RETENTION_DAYS ago): left by an upload whose row was never written (a crash between the two), or by a
 * row removed by hand. A JPEG sibling counts as used while its source's row exists. Works on local disk and on the
 * bucket alike (`list`/`removeKeys` are the adapter's). Returns how many files were removed.
 */
export async function cleanUpUnusedFiles(deps: { media: MediaRepository; storage: LocalMediaStorage }, options: { olderThan: Date; batchSize?: number }): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const candidates = new Map(batch.map((key) => [key, EXTENSIONS.map((ext) => key.replace(/\.[a-z0-9]+$/, `.${ext}`))]));
    const inUse = await deps.media.fileKeysInUse([...new Set([...candidates.values()].flat())]);
    const unused = batch.filter((key) => !(candidates.get(key) ?? []).some((k) => inUse.has(k)));
    await deps.storage.removeKeys(unused);
    removed += unused.length;
    batch = [];
  };
  for await (const file of deps.storage.list()) {
    if (file.lastModified >= options.olderThan) continue;
    batch.push(file.key);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}
