import { randomBytes } from 'node:crypto';
import { TokenCipher, TokenCipherError } from './token-cipher';

const newKey = () => randomBytes(32).toString('base64');

function flipOneCharacter(value: string, partIndex: number): string {
  const parts = value.split('.');
  const part = parts[partIndex] ?? '';
  parts[partIndex] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

describe('TokenCipher', () => {
  it('round-trips a token', () => {
    const cipher = new TokenCipher(newKey());
    expect(cipher.decrypt(cipher.encrypt('access-token-123'))).toBe('access-token-123');
  });

  it('gives two different ciphertexts for the same token', () => {
    const cipher = new TokenCipher(newKey());
    const a = cipher.encrypt('same-token');
    const b = cipher.encrypt('same-token');
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
    const tampered = flipOneCharacter(cipher.encrypt('secret-token-value'), index);
    expect(() => cipher.decrypt(tampered)).toThrow(expect.objectContaining({ reason: 'tampered_or_wrong_key' }));
  });

  it('refuses a value relabelled with another key id', () => {
    const oldKey = newKey();
    const cipher = new TokenCipher(newKey(), [oldKey]);
    const parts = new TokenCipher(oldKey).encrypt('x').split('.');
    const current = cipher.encrypt('y').split('.');
    parts[1] = current[1] ?? '';
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(TokenCipherError);
  });

  it('fails loudly with a wrong key', () => {
    const value = new TokenCipher(newKey()).encrypt('token');
    expect(() => new TokenCipher(newKey()).decrypt(value)).toThrow(/neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('refuses malformed values and keys', () => {
    const cipher = new TokenCipher(newKey());
    expect(() => cipher.decrypt('plain-text-token')).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => new TokenCipher('c2hvcnQ=')).toThrow(expect.objectContaining({ reason: 'bad_key' }));
  });

  it('rotates: old values stay readable and are re-encrypted under the new key', () => {
    const oldKey = newKey();
    const value = new TokenCipher(oldKey).encrypt('long-lived-token');
    const rotated = new TokenCipher(newKey(), [oldKey]);
    expect(rotated.needsRotation(value)).toBe(true);
    const reEncrypted = rotated.rotate(value);
    expect(rotated.needsRotation(reEncrypted)).toBe(false);
    expect(rotated.decrypt(reEncrypted)).toBe('long-lived-token');
    expect(() => new TokenCipher(oldKey).decrypt(reEncrypted)).toThrow(TokenCipherError);
  });

  it('handles empty optional values', () => {
    const cipher = new TokenCipher(newKey());
    expect(cipher.encryptOptional('')).toBeNull();
    expect(cipher.decryptOptional(null)).toBeNull();
    expect(cipher.decryptOptional(cipher.encryptOptional('r'))).toBe('r');
  });
});
