import { cipherContext } from '@herald/crypto';

// Where each encrypted secret lives, bound into its ciphertext (libraries/crypto token-cipher v2): a value copied to
// another row or column does not decrypt. The rows named here are every column of ciphertext in the database, which
// `npm run rotate-keys` re-encrypts (docs/operations.md#key-rotation); the channel tokens' context is in
// channels/channel-tokens.ts.

/** Webhook.secret, by the webhook's id. */
export function webhookSecretContext(webhookId: string): string {
  return cipherContext('webhook', webhookId, 'secret');
}

/** PreviewLink.tokenCipher, by the token's SHA-256 (its unique lookup). */
export function previewTokenContext(tokenHash: string): string {
  return cipherContext('preview_link', tokenHash, 'tokenCipher');
}

/** The link token of a queued invitation or password-reset email (Redis job data, minutes long), by its row. */
export function emailTokenContext(kind: 'invitation' | 'password_reset', id: string): string {
  return cipherContext(kind, id, 'token');
}
