import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Format: "v1.<keyId>.<iv>.<ciphertext>.<tag>", each part base64url.
// v1 is AES-256-GCM with a 96-bit random IV per value. The key id (first 8 bytes of SHA-256 of the key)
// says which key encrypted a value, so that old keys can still decrypt after a rotation.
const VERSION = 'v1';
const IV_BYTES = 12;

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

export class TokenCipher {
  private readonly current: Key;
  private readonly keys = new Map<string, Key>();

  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    this.current = toKey(currentKey);
    for (const key of [this.current, ...previousKeys.map(toKey)]) this.keys.set(key.id, key);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    // The key id is bound as associated data, so a value cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(`${VERSION}.${this.current.id}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(value: string): string {
    const parts = value.split('.');
    const [version, keyId, iv, body, tag] = parts;
    if (parts.length !== 5 || version !== VERSION || !keyId || !iv || body === undefined || !tag) {
      throw new TokenCipherError('malformed', 'Encrypted value is not in the v1 format');
    }
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenCipherError(
        'unknown_key',
        `Encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_PREVIOUS`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError('tampered_or_wrong_key', 'Encrypted value failed authentication: it was altered or the key is wrong');
    }
  }

  /** True when the value was encrypted with a key other than the current one. */
  needsRotation(value: string): boolean {
    return value.split('.')[1] !== this.current.id;
  }

  /** Re-encrypts a value under the current key (a fresh IV even if it already used it). */
  rotate(value: string): string {
    return this.encrypt(this.decrypt(value));
  }

  encryptOptional(plaintext: string | null | undefined): string | null {
    return plaintext ? this.encrypt(plaintext) : null;
  }

  decryptOptional(value: string | null | undefined): string | null {
    return value ? this.decrypt(value) : null;
  }
}
