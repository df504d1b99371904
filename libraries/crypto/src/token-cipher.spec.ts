import { randomBytes } from 'node:crypto';
import { cipherContext, encryptV1ForTests, TokenCipher, TokenCipherError } from './token-cipher';

const newKey = () => randomBytes(32).toString('base64');
const A = cipherContext('integration', 'org-1.x.111', 'accessToken');
const B = cipherContext('integration', 'org-1.x.222', 'accessToken');

function flipOneCharacter(value: string, partIndex: number): string {
  const parts = value.split('.');
  const part = parts[partIndex] ?? '';
  parts[partIndex] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('TokenCipher', () => {
  it('round-trips a token', () => {
    const cipher = new TokenCipher(newKey());
    expect(cipher.decrypt(cipher.encrypt('access-token-123', A), A)).toBe('access-token-123');
  });

  it('gives two different ciphertexts for the same token', () => {
    const cipher = new TokenCipher(newKey());
    const a = cipher.encrypt('same-token', A);
    const b = cipher.encrypt('same-token', A);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toContain('same-token');
  });

  it.each([
    ['the ciphertext', 3],
    ['the IV', 2],
    ['the tag', 4],
  ])('refuses a value whose %s was tampered with', (_name, index) => {
    const cipher = new TokenCipher(newKey());
    const tampered = flipOneCharacter(cipher.encrypt('secret-token-value', A), index);
    expect(() => cipher.decrypt(tampered, A)).toThrow(expect.objectContaining({ reason: 'tampered_or_wrong_key' }));
  });

  it('refuses a value relabelled with another key id', () => {
    const oldKey = newKey();
    const cipher = new TokenCipher(newKey(), [oldKey]);
    const parts = new TokenCipher(oldKey).encrypt('x', A).split('.');
    const current = cipher.encrypt('y', A).split('.');
    parts[1] = current[1] ?? '';
    expect(() => cipher.decrypt(parts.join('.'), A)).toThrow(TokenCipherError);
  });

  it('fails loudly with a wrong key', () => {
    const value = new TokenCipher(newKey()).encrypt('token', A);
    expect(() => new TokenCipher(newKey()).decrypt(value, A)).toThrow(/neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('refuses malformed values and keys', () => {
    const cipher = new TokenCipher(newKey());
    expect(() => cipher.decrypt('plain-text-token', A)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => new TokenCipher('c2hvcnQ=')).toThrow(expect.objectContaining({ reason: 'bad_key' }));
  });

  it('rotates: old values stay readable and are re-encrypted under the new key', () => {
    const oldKey = newKey();
    const value = new TokenCipher(oldKey).encrypt('long-lived-token', A);
    const rotated = new TokenCipher(newKey(), [oldKey]);
    expect(rotated.needsRotation(value)).toBe(true);
    const reEncrypted = rotated.rotate(value, A);
    expect(rotated.needsRotation(reEncrypted)).toBe(false);
    expect(rotated.decrypt(reEncrypted, A)).toBe('long-lived-token');
    expect(() => new TokenCipher(oldKey).decrypt(reEncrypted, A)).toThrow(TokenCipherError);
  });

  it('handles empty optional values', () => {
    const cipher = new TokenCipher(newKey());
    expect(cipher.encryptOptional('', A)).toBeNull();
    expect(cipher.decryptOptional(null, A)).toBeNull();
    expect(cipher.decryptOptional(cipher.encryptOptional('r', A), A)).toBe('r');
  });

  it('binds a value to where it lives: moved to another row or column, it does not decrypt', () => {
    const cipher = new TokenCipher(newKey());
    const value = cipher.encrypt('token-of-a', A);
    expect(value.startsWith('v2.')).toBe(true);
    expect(() => cipher.decrypt(value, B)).toThrow(expect.objectContaining({ reason: 'tampered_or_wrong_key' }));
    expect(() => cipher.decrypt(value, cipherContext('integration', 'org-1.x.111', 'refreshToken'))).toThrow(TokenCipherError);
  });

  it('refuses a shortened tag', () => {
    const cipher = new TokenCipher(newKey());
    const parts = cipher.encrypt('t', A).split('.');
    parts[4] = Buffer.from(parts[4] ?? '', 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), A)).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('still reads the v1 format of older rows, which needs rotation even under the current key, and rotates it to v2', () => {
    const key = newKey();
    const old = encryptV1ForTests(key, 'legacy-token');
    const cipher = new TokenCipher(key);
    expect(cipher.decrypt(old, A)).toBe('legacy-token');
    expect(cipher.needsRotation(old)).toBe(true);
    const rotated = cipher.rotate(old, A);
    expect(rotated.startsWith('v2.')).toBe(true);
    expect(cipher.needsRotation(rotated)).toBe(false);
    expect(cipher.decrypt(rotated, A)).toBe('legacy-token');
    expect(() => cipher.decrypt(rotated, B)).toThrow(TokenCipherError);
  });
});
