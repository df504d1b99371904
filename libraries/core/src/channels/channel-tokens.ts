import type { TokenCipher } from '@herald/crypto';
import type { ChannelTokens } from '@herald/providers';

export interface StoredTokens {
  token: string;
  tokenSecret: string | null;
  refreshToken: string | null;
  tokenExpiration: Date | null;
}

/** Tokens as they are stored: every secret encrypted, the expiry in clear for the refresh sweep. */
export function encryptChannelTokens(tokens: ChannelTokens, cipher: TokenCipher): StoredTokens {
  return {
    token: cipher.encrypt(tokens.accessToken),
    tokenSecret: cipher.encryptOptional(tokens.accessSecret),
    refreshToken: cipher.encryptOptional(tokens.refreshToken),
    tokenExpiration: tokens.expiresAt ?? null,
  };
}

export function decryptChannelTokens(stored: StoredTokens, cipher: TokenCipher): ChannelTokens {
  const accessSecret = cipher.decryptOptional(stored.tokenSecret);
  const refreshToken = cipher.decryptOptional(stored.refreshToken);
  return {
    accessToken: cipher.decrypt(stored.token),
    ...(accessSecret ? { accessSecret } : {}),
    ...(refreshToken ? { refreshToken } : {}),
    ...(stored.tokenExpiration ? { expiresAt: stored.tokenExpiration } : {}),
  };
}
