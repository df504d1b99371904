import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Format: "<version>.<keyId>.<iv>.<ciphertext>.<tag>", each part base64url; AES-256-GCM, a 96-bit random IV per
// value and a 128-bit tag (set explicitly on both sides, so a truncated tag is never accepted). The key id (first
// 8 bytes of SHA-256 of the key) says which key encrypted a value, so that old keys can still decrypt after a
// rotation (ENCRYPTION_KEYS_PREVIOUS, then `npm run rotate-keys`: docs/operations.md#key-rotation).
//
// v2 (written today) binds "v2.<keyId>.<context>" as associated data, the context naming where the value lives
// (e.g. "integration.<org>.<platform>.<account>.accessToken"): a value copied into another row or column fails to
// decrypt, so a database writer cannot swap secrets between channels. v1 (older rows) bound only "v1.<keyId>"; it
// still decrypts, and rotation rewrites it as v2.
const CURRENT_VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenCipherError extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown_key' | 'tampered_or_wrong_key' | 'bad_key',
    message: string,
  ) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

function toKey(base64: string): Key {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 32) {
    throw new TokenCipherError('bad_key', 'An encryption key must be 32 bytes, base64-encoded');
  }
  return { id: createHash('sha256').update(bytes).digest().subarray(0, 8).toString('base64url'), bytes };
}

function associatedData(version: string, keyId: string, context: string): Buffer {
  return Buffer.from(version === 'v1' ? `v1.${keyId}` : `${version}.${keyId}.${context}`);
}

function seal(version: string, key: Key, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(version, key.id, context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [version, key.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Where a secret lives, bound into its ciphertext: `<table>.<row identity>.<column>`. */
export function cipherContext(table: string, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}

export class TokenCipher {
  private readonly current: Key;
  private readonly keys = new Map<string, Key>();

  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    this.current = toKey(currentKey);
    for (const key of [this.current, ...previousKeys.map(toKey)]) this.keys.set(key.id, key);
  }

  /** Encrypts under the current key, bound to `context` (cipherContext): only the same context decrypts it. */
  encrypt(plaintext: string, context: string): string {
    return seal(CURRENT_VERSION, this.current, plaintext, context);
  }

  decrypt(value: string, context: string): string {
    const parts = value.split('.');
    const [version, keyId, iv, body, tag] = parts;
    if (parts.length !== 5 || (version !== 'v1' && version !== 'v2') || !keyId || !iv || body === undefined || !tag) {
      throw new TokenCipherError('malformed', 'Encrypted value is not in the v1 or v2 format');
    }
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenCipherError(
        'unknown_key',
        `Encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_PREVIOUS`,
      );
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    const ivBytes = Buffer.from(iv, 'base64url');
    if (tagBytes.length !== TAG_BYTES || ivBytes.length !== IV_BYTES) {
      throw new TokenCipherError('malformed', 'Encrypted value has an IV or tag of the wrong length');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(version, keyId, context));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError('tampered_or_wrong_key', 'Encrypted value failed authentication: it was altered, moved from another row, or the key is wrong');
    }
  }

  /** How every value written now begins (`v2.<current key id>.`): anything else needs rotation. */
  get currentPrefix(): string {
    return `${CURRENT_VERSION}.${this.current.id}.`;
  }

  /** True when the value is of an older format (v1) or was encrypted with a key other than the current one. */
  needsRotation(value: string): boolean {
    return !value.startsWith(this.currentPrefix);
  }

  /** Re-encrypts a value under the current key and format (a fresh IV even if it already used them). */
  rotate(value: string, context: string): string {
    return this.encrypt(this.decrypt(value, context), context);
  }

  encryptOptional(plaintext: string | null | undefined, context: string): string | null {
    return plaintext ? this.encrypt(plaintext, context) : null;
  }

  decryptOptional(value: string | null | undefined, context: string): string | null {
    return value ? this.decrypt(value, context) : null;
  }
}

/** The v1 format as Herald wrote it before v2: only for tests of the migration of old rows. */
export function encryptV1ForTests(key: string, plaintext: string): string {
  return seal('v1', toKey(key), plaintext, '');
}
