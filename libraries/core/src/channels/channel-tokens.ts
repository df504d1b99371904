import { cipherContext, type TokenCipher } from '@herald/crypto';
import type { ChannelTokens } from '@herald/providers';

export interface StoredTokens {
  token: string;
  tokenSecret: string | null;
  refreshToken: string | null;
  tokenExpiration: Date | null;
}

/** Which channel a row's tokens belong to: bound into each ciphertext, so tokens cannot be moved to another row. */
export interface ChannelIdentity {
  organizationId: string;
  providerIdentifier: string;
  internalId: string;
}

export type TokenColumn = 'token' | 'tokenSecret' | 'refreshToken';

/** The cipher context of one token column of a channel (docs/operations.md#key-rotation). */
export function channelTokenContext(channel: ChannelIdentity, column: TokenColumn): string {
  return cipherContext('integration', `${channel.organizationId}.${channel.providerIdentifier}.${channel.internalId}`, column);
}

/** Tokens as they are stored: every secret encrypted (bound to the channel), the expiry in clear for the refresh sweep. */
export function encryptChannelTokens(tokens: ChannelTokens, cipher: TokenCipher, channel: ChannelIdentity): StoredTokens {
  return {
    token: cipher.encrypt(tokens.accessToken, channelTokenContext(channel, 'token')),
    tokenSecret: cipher.encryptOptional(tokens.accessSecret, channelTokenContext(channel, 'tokenSecret')),
    refreshToken: cipher.encryptOptional(tokens.refreshToken, channelTokenContext(channel, 'refreshToken')),
    tokenExpiration: tokens.expiresAt ?? null,
  };
}

export function decryptChannelTokens(stored: StoredTokens & ChannelIdentity, cipher: TokenCipher): ChannelTokens {
  const accessSecret = cipher.decryptOptional(stored.tokenSecret, channelTokenContext(stored, 'tokenSecret'));
  const refreshToken = cipher.decryptOptional(stored.refreshToken, channelTokenContext(stored, 'refreshToken'));
  return {
    accessToken: cipher.decrypt(stored.token, channelTokenContext(stored, 'token')),
    ...(accessSecret ? { accessSecret } : {}),
    ...(refreshToken ? { refreshToken } : {}),
    ...(stored.tokenExpiration ? { expiresAt: stored.tokenExpiration } : {}),
  };
}
