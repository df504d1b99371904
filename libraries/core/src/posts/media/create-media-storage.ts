import type { CoreConfig } from '@herald/config';
import { LocalMediaStorage } from './local-media-storage';
import { S3MediaStorage } from './s3-media-storage';

/**
 * The one place an app picks its media storage (STORAGE=local|s3, docs/self-hosting.md#media-storage). Both adapters
 * share LocalMediaStorage's interface (S3MediaStorage extends it: uploads are staged on disk either way), so Nest
 * modules keep `LocalMediaStorage` as their injection token.
 */
export function createMediaStorage(config: Pick<CoreConfig, 'storage' | 'uploadDirectory' | 'uploadsPublicUrl' | 'uploadMaxVideoBytes'>): LocalMediaStorage {
  const limits = { maxVideoBytes: config.uploadMaxVideoBytes };
  if (config.storage.kind === 's3') return new S3MediaStorage(config.storage, config.uploadDirectory, config.uploadsPublicUrl, limits);
  return new LocalMediaStorage(config.uploadDirectory, config.uploadsPublicUrl, limits);
}
