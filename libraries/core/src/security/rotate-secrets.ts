import { type TokenCipher, TokenCipherError } from '@herald/crypto';
import { SECRET_COLUMNS, type SecretColumn, type SecretsRepository, type StoredSecret } from '@herald/database';
import { channelTokenContext } from '../channels/channel-tokens';
import { previewTokenContext, webhookSecretContext } from '../common/cipher-contexts';
import type { Logger } from '../common/logger';

export interface RotateSecretsOptions {
  /** Values read and rewritten per statement. */
  batchSize?: number;
  /** Stop after this many batches (the hourly cron task does a little at a time); default: until done. */
  maxBatches?: number;
}

export interface RotateSecretsResult {
  /** Values re-encrypted under the current key and format. */
  rotated: number;
  /** Values changed by another writer between our read and our write: theirs is already current. */
  changedMeanwhile: number;
  /** Values no configured key can read (a key dropped from ENCRYPTION_KEYS_PREVIOUS too early): left as they are. */
  unreadable: number;
  /** True when `maxBatches` stopped the run before every column was done. */
  more: boolean;
}

function contextOf(column: SecretColumn, row: StoredSecret): string {
  switch (column.table) {
    case 'integration':
      return channelTokenContext({ organizationId: row.organizationId ?? '', providerIdentifier: row.providerIdentifier ?? '', internalId: row.internalId ?? '' }, column.column);
    case 'webhook':
      return webhookSecretContext(row.id);
    case 'preview_link':
      return previewTokenContext(row.tokenHash ?? '');
  }
}

/**
 * Re-encrypts every stored secret that is not yet under ENCRYPTION_KEY in the current format (v2): the values of
 * older keys (ENCRYPTION_KEYS_PREVIOUS) and of the older format (v1). Batched, each value replaced with
 * compare-and-set, so concurrent writers are never overwritten and a run stopped anywhere can simply run again.
 * Queued email tokens (Redis) are not covered: they live minutes, and an unreadable one is given up.
 */
export async function rotateSecrets(deps: { secrets: SecretsRepository; cipher: TokenCipher; logger?: Logger }, options: RotateSecretsOptions = {}): Promise<RotateSecretsResult> {
  const batchSize = options.batchSize ?? 500;
  const result: RotateSecretsResult = { rotated: 0, changedMeanwhile: 0, unreadable: 0, more: false };
  let batches = 0;
  for (const column of SECRET_COLUMNS) {
    let after: string | null = null;
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) {
        result.more = true;
        return result;
      }
      const rows = await deps.secrets.needingRotation(column, deps.cipher.currentPrefix, after, batchSize);
      batches += 1;
      for (const row of rows) {
        let next: string;
        try {
          next = deps.cipher.rotate(row.value, contextOf(column, row));
        } catch (error) {
          if (!(error instanceof TokenCipherError)) throw error;
          result.unreadable += 1;
          deps.logger?.warn({ table: column.table, column: column.column, id: row.id, reason: error.reason }, 'a stored secret cannot be decrypted with the configured keys; left as it is');
          continue;
        }
        if (await deps.secrets.replace(column, row.id, row.value, next)) result.rotated += 1;
        else result.changedMeanwhile += 1;
      }
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1]?.id ?? null;
    }
  }
  return result;
}
