import type { Database } from '../prisma-client';

/** Every column of the database that holds ciphertext (libraries/crypto token-cipher). */
export type SecretColumn =
  | { table: 'integration'; column: 'token' | 'tokenSecret' | 'refreshToken' }
  | { table: 'webhook'; column: 'secret' }
  | { table: 'preview_link'; column: 'tokenCipher' };

export const SECRET_COLUMNS: readonly SecretColumn[] = [
  { table: 'integration', column: 'token' },
  { table: 'integration', column: 'tokenSecret' },
  { table: 'integration', column: 'refreshToken' },
  { table: 'webhook', column: 'secret' },
  { table: 'preview_link', column: 'tokenCipher' },
];

/** One stored secret, with what its cipher context is made of. */
export interface StoredSecret {
  id: string;
  value: string;
  /** integration: organizationId, providerIdentifier, internalId; preview_link: tokenHash; webhook: nothing more. */
  organizationId?: string;
  providerIdentifier?: string;
  internalId?: string;
  tokenHash?: string;
}

/**
 * Reads and rewrites ciphertext for key rotation (`npm run rotate-keys`, and the hourly cron task), across
 * organizations and including soft-deleted rows. Values are read in id order, a batch at a time, and each is
 * replaced only if it still holds what was read (compare-and-set): a writer that changed it meanwhile wins, and its
 * value is already under the current key.
 */
export class SecretsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Up to `take` values of the column, after `afterId`, not starting with `currentPrefix` (not yet rotated). Empty
   * values (a channel whose data Meta asked to delete keeps `token = ''`) hold no secret and are skipped.
   */
  needingRotation(column: SecretColumn, currentPrefix: string, afterId: string | null, take: number): Promise<StoredSecret[]> {
    const pattern = `${currentPrefix.replace(/[\\%_]/g, '\\$&')}%`;
    const after = afterId ?? '00000000-0000-0000-0000-000000000000';
    switch (column.table) {
      case 'integration':
        return this.db.$queryRawUnsafe<StoredSecret[]>(
          `SELECT id::text AS id, "${column.column}" AS value, "organizationId"::text AS "organizationId", "providerIdentifier", "internalId"
             FROM "Integration" WHERE "${column.column}" IS NOT NULL AND "${column.column}" <> '' AND "${column.column}" NOT LIKE $1 AND id > $2::uuid ORDER BY id LIMIT $3`,
          pattern,
          after,
          take,
        );
      case 'webhook':
        return this.db.$queryRawUnsafe<StoredSecret[]>(
          `SELECT id::text AS id, secret AS value FROM "Webhook" WHERE secret <> '' AND secret NOT LIKE $1 AND id > $2::uuid ORDER BY id LIMIT $3`,
          pattern,
          after,
          take,
        );
      case 'preview_link':
        return this.db.$queryRawUnsafe<StoredSecret[]>(
          `SELECT id::text AS id, "tokenCipher" AS value, "tokenHash" FROM "PreviewLink" WHERE "tokenCipher" <> '' AND "tokenCipher" NOT LIKE $1 AND id > $2::uuid ORDER BY id LIMIT $3`,
          pattern,
          after,
          take,
        );
    }
  }

  /** Replaces the value if it is still `expected`; false when someone changed it first. */
  async replace(column: SecretColumn, id: string, expected: string, next: string): Promise<boolean> {
    const table = { integration: 'Integration', webhook: 'Webhook', preview_link: 'PreviewLink' }[column.table];
    // The column name comes from SECRET_COLUMNS, never from input. updatedAt is left alone: nothing a person sees changed.
    const count = await this.db.$executeRawUnsafe(`UPDATE "${table}" SET "${column.column}" = $1 WHERE id = $2::uuid AND "${column.column}" = $3`, next, id, expected);
    return count === 1;
  }
}
