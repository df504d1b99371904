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
