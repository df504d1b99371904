import type { TokenCipher } from '@herald/crypto';
import type { ChannelStateRepository, PublishingNotificationsRepository } from '@herald/database';
import { type ChannelTokens, isProviderError, isProviderIdentifier, type ProviderError, type ProviderRegistry } from '@herald/providers';
import type { Logger } from '../common/logger';
import type { RaiseAlert } from '../email/email-alerts';
import type { EmitWebhookEvent } from '../webhooks/emit-webhook-event';
import { type ChannelIdentity, decryptChannelTokens, encryptChannelTokens, type StoredTokens } from './channel-tokens';

/** What the token manager needs: the channel rows (compare-and-set, `refreshNeeded`), the notices, the providers and the cipher. */
export interface ChannelTokenManagerDeps {
  channels: Pick<ChannelStateRepository, 'saveRefreshedTokens' | 'findChannel' | 'markRefreshNeeded' | 'channelsDueForRefresh'>;
  notifications: Pick<PublishingNotificationsRepository, 'notify'>;
  providers: ProviderRegistry;
  cipher: TokenCipher;
  logger: Logger;
  now: () => Date;
  /** Email alert for the `channel.refresh_needed` notice; never throws. */
  alerts?: RaiseAlert;
  /** The `channel.refresh_needed` webhook event; never throws. */
  events?: EmitWebhookEvent;
}

/** A channel row as far as its tokens go: a publishing channel or an integration record both fit. */
export type TokenChannel = StoredTokens & ChannelIdentity & { id: string };

export type RefreshResult =
  | { status: 'refreshed'; tokens: ChannelTokens }
  /** The platform cannot refresh this token (or the provider is not configured): only a reconnect helps. */
  | { status: 'impossible' }
  /** The platform refused: the grant is gone, or the request was wrong. */
  | { status: 'failed'; message: string; error: ProviderError }
  /** A transient problem: try again later, the channel is not at fault. */
  | { status: 'later'; message: string; error: ProviderError };

export interface RefreshDueOptions {
  /** Refresh tokens expiring within this window (Instagram: 60-day tokens, refreshed once fewer than 50 days remain). */
  aheadMs: number;
  /** Never refresh a token renewed (or connected) less than this long ago (Instagram refuses before 24 hours). */
  minAgeMs: number;
  batchSize: number;
}

export const DEFAULT_REFRESH_DUE_OPTIONS: RefreshDueOptions = { aheadMs: 50 * 24 * 3600_000, minAgeMs: 24 * 3600_000, batchSize: 100 };

/**
 * The one owner of a channel's tokens after connection: refresh through the provider's `refresh` capability, the
 * compare-and-set that stores them, `refreshNeeded` and the reconnect notice (notification, email alert, webhook).
 * Publishing, analytics, the cron sweep and the person's Refresh button all go through it.
 */
export class ChannelTokenManager {
  constructor(private readonly deps: ChannelTokenManagerDeps) {}

  /** Whether the channel's platform can renew a token in place (a configured provider with `refresh`). */
  canRefresh(channel: Pick<TokenChannel, 'providerIdentifier'>): boolean {
    const identifier = channel.providerIdentifier;
    return isProviderIdentifier(identifier) && this.deps.providers.get(identifier)?.refresh !== undefined;
  }

  async refresh(channel: TokenChannel): Promise<RefreshResult> {
    const identifier = channel.providerIdentifier;
    const provider = isProviderIdentifier(identifier) ? this.deps.providers.get(identifier) : undefined;
    if (!provider?.refresh) return { status: 'impossible' };
    let renewed: ChannelTokens;
    try {
      renewed = await provider.refresh(decryptChannelTokens(channel, this.deps.cipher));
    } catch (error: unknown) {
      if (!isProviderError(error)) throw error;
      if (error.kind === 'retry_later' || error.kind === 'unknown_outcome') return { status: 'later', message: error.message, error };
      return { status: 'failed', message: error.platform.message ?? error.message, error };
    }
    const stored = encryptChannelTokens(renewed, this.deps.cipher, channel);
    let expected = channel.token;
    const previousAccessToken = decryptChannelTokens(channel, this.deps.cipher).accessToken;
    for (let attempt = 1; ; attempt += 1) {
      if (await this.deps.channels.saveRefreshedTokens(channel.id, expected, stored, this.deps.now())) return { status: 'refreshed', tokens: renewed };
      const current = await this.deps.channels.findChannel(channel.id);
      if (!current) return { status: 'impossible' };
      const tokens = decryptChannelTokens(current, this.deps.cipher);
      // Only re-encrypted meanwhile (key rotation): the same token under a new ciphertext, so ours still replaces it.
      if (attempt < 3 && current.token !== expected && tokens.accessToken === previousAccessToken) {
        expected = current.token;
        continue;
      }
      // Someone else refreshed first: theirs is the token of record.
      return { status: 'refreshed', tokens };
    }
  }

  /** Marks the channel `refreshNeeded` (it must be reconnected) and tells the organization, once. */
  async requireReconnect(channel: Pick<TokenChannel, 'id' | 'organizationId' | 'providerIdentifier'>, reason: string): Promise<void> {
    const flipped = await this.deps.channels.markRefreshNeeded(channel.id);
    if (!flipped) return;
    const notification = await this.deps.notifications.notify({
      organizationId: channel.organizationId,
      type: 'channel.refresh_needed',
      integrationId: channel.id,
      message: `A channel lost its access to ${channel.providerIdentifier} and must be reconnected (${reason})`,
    });
    await this.deps.alerts?.({ notificationId: notification.id, organizationId: channel.organizationId, kind: 'channel_refresh_needed' });
    await this.deps.events?.(channel.organizationId, 'channel.refresh_needed', { integrationId: channel.id, reason });
  }

  /** For the cron: refreshes every token that will expire soon; a refusal marks the channel and notifies. */
  async refreshDue(options: RefreshDueOptions = DEFAULT_REFRESH_DUE_OPTIONS): Promise<{ refreshed: number; failed: number; later: number }> {
    const now = this.deps.now().getTime();
    const providers = this.deps.providers.configured().filter((p) => p.refresh !== undefined).map((p) => p.identifier);
    const totals = { refreshed: 0, failed: 0, later: 0 };
    if (providers.length === 0) return totals;
    const due = await this.deps.channels.channelsDueForRefresh(providers, new Date(now + options.aheadMs), new Date(now - options.minAgeMs), options.batchSize);
    for (const channel of due) {
      const result = await this.refresh(channel);
      switch (result.status) {
        case 'refreshed':
          totals.refreshed += 1;
          break;
        case 'later':
          totals.later += 1;
          this.deps.logger.warn({ integrationId: channel.id, reason: result.message }, 'token refresh postponed');
          break;
        case 'failed':
        case 'impossible':
          totals.failed += 1;
          await this.requireReconnect(channel, result.status === 'failed' ? result.message : 'the platform cannot renew this token');
          break;
      }
    }
    return totals;
  }
}
