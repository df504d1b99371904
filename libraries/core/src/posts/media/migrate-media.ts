import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Database } from '@herald/database';
import type { LocalMediaStorage } from './local-media-storage';
import { mediaTypeOfExtension } from './media-types';
import type { S3MediaStorage } from './s3-media-storage';

export interface MigrateMediaResult {
  /** Files copied to the bucket by this run. */
  copied: number;
  /** Files already in the bucket with the same size (an earlier, maybe interrupted, run copied them). */
  skipped: number;
  /** Posts whose stored image addresses were rewritten to the bucket's addresses. */
  postsRewritten: number;
  /** Stopped by `maxFiles` before every file was looked at: run again to finish. */
  more: boolean;
}

export interface MigrateMediaOptions {
  /** Stop after copying this many files (tests; a run in slices). */
  maxFiles?: number;
  onFile?: (key: string, action: 'copied' | 'skipped') => void;
}

/**
 * `npm run media:migrate -- --to s3` (docs/self-hosting.md#moving-existing-media-to-s3): copies every file under
 * UPLOAD_DIRECTORY (JPEG siblings and files of deleted media included) to the bucket under the same key, then
 * rewrites the image addresses stored in posts when the bucket's public address differs from Herald's /uploads one.
 * Media rows hold keys, not addresses, so they stay as they are. Resumable: a file already in the bucket with the
 * same size is skipped, and the rewrite only touches addresses still pointing at the old base. Local files are
 * kept; remove them once the instance runs with STORAGE=s3.
 */
export async function migrateMediaToS3(
  deps: { db: Database; local: LocalMediaStorage; target: S3MediaStorage; uploadDirectory: string },
  options: MigrateMediaOptions = {},
): Promise<MigrateMediaResult> {
  const { local, target } = deps;
  const result: MigrateMediaResult = { copied: 0, skipped: 0, postsRewritten: 0, more: false };
  for await (const file of local.list()) {
    if (options.maxFiles !== undefined && result.copied >= options.maxFiles) {
      result.more = true;
      break;
    }
    const path = join(deps.uploadDirectory, ...file.key.split('/'));
    const { size } = await stat(path);
    if ((await sizeInBucket(target, file.key)) === size) {
      result.skipped += 1;
      options.onFile?.(file.key, 'skipped');
      continue;
    }
    const type = mediaTypeOfExtension(file.key.slice(file.key.lastIndexOf('.') + 1));
    await target.putFile(file.key, path, type?.mime ?? 'application/octet-stream');
    result.copied += 1;
    options.onFile?.(file.key, 'copied');
  }
  if (!result.more) result.postsRewritten = await rewritePostImages(deps.db, local.urlOf(''), target.urlOf(''));
  return result;
}

async function sizeInBucket(target: S3MediaStorage, key: string): Promise<number | undefined> {
  try {
    const head = await target.client.send(new HeadObjectCommand({ Bucket: target.bucketName, Key: key }));
    return head.ContentLength;
  } catch {
    return undefined;
  }
}

/** Replaces the old base address by the new one inside posts' `image` JSON; a no-op when they are the same. */
async function rewritePostImages(db: Database, oldBase: string, newBase: string): Promise<number> {
  if (oldBase === newBase) return 0;
  // The bases end with '/', and JSON text does not escape '/', so a plain text replace finds exactly the addresses.
  const pattern = `%${oldBase.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.$executeRaw`UPDATE "Post" SET "image" = replace("image"::text, ${oldBase}, ${newBase})::jsonb WHERE "image"::text LIKE ${pattern}`;
}
