import type { TokenCipher } from '@herald/crypto';
import type { IntegrationsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import { appGrantOf, channelRedirectUri, grantedThrough, platformBrand } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import type { ChannelTokenManager, RefreshResult } from './channel-token-manager';
import { decryptChannelTokens } from './channel-tokens';
import { type Actor, parseProvider } from './connect-channel';
import { toConnectError } from './provider-errors';

export interface ManageChannelDeps {
  registry: ProviderRegistry;
  integrations: IntegrationsRepository;
  cipher: TokenCipher;
  logger: Logger;
  frontendUrl: string;
  /** Refresh, compare-and-set and the reconnect notice: the same owner as publishing, analytics and the cron. */
  tokens: ChannelTokenManager;
  /** Removes the queued jobs of posts cancelled with the channel (the queue adapter). */
  cancelJobs?: (postIds: string[]) => Promise<void>;
}

export interface DeleteOutcome {
  deleted: true;
  cancelledPosts: number;
  /** Whether the grant was revoked at the platform; a failed revoke never blocks the delete. */
  revoked: boolean;
  revokeError?: string;
}

/** Disable, enable, refresh and delete: what a person does to a channel after connecting it. */
export class ManageChannel {
  constructor(private readonly deps: ManageChannelDeps) {}

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<void> {
    if (!(await this.deps.integrations.setDisabled(actor.organizationId, id, disabled))) throw AppError.notFound('The channel');
  }

  async refresh(actor: Actor, id: string): Promise<{ id: string; refreshNeeded: false; tokenExpiration: string | null }> {
    const row = await this.deps.integrations.find(actor.organizationId, id);
    if (!row) throw AppError.notFound('The channel');
    const identifier = parseProvider(row.providerIdentifier);
    if (!this.deps.tokens.canRefresh(row)) {
      throw AppError.badRequest('refresh_not_supported', `${row.name}'s access cannot be refreshed in place; use Reconnect to sign in again.`);
    }
    let result: RefreshResult;
    try {
      result = await this.deps.tokens.refresh(row);
    } catch (error) {
      throw toConnectError(error, channelRedirectUri(this.deps.frontendUrl, identifier));
    }
    switch (result.status) {
      case 'refreshed':
        return { id, refreshNeeded: false, tokenExpiration: result.tokens.expiresAt?.toISOString() ?? null };
      case 'impossible':
        throw AppError.notFound('The channel');
      case 'failed':
        if (result.error.kind === 'refresh_token' || result.error.kind === 'reconnect') {
          // The grant is gone (revoked, expired past refresh): only the person can fix it, by reconnecting.
          await this.deps.tokens.requireReconnect(row, result.message);
          throw AppError.conflict('reconnect_needed', `${row.name} no longer accepts Herald's access (${result.message}). Reconnect the channel.`);
        }
        throw toConnectError(result.error, channelRedirectUri(this.deps.frontendUrl, identifier));
      case 'later':
        throw toConnectError(result.error, channelRedirectUri(this.deps.frontendUrl, identifier));
    }
  }

  async delete(actor: Actor, id: string): Promise<DeleteOutcome> {
    const row = await this.deps.integrations.find(actor.organizationId, id);
    if (!row) throw AppError.notFound('The channel');
    const { deleted, cancelledPostIds } = await this.deps.integrations.softDelete(actor.organizationId, id, 'The channel was deleted before this post went out.');
    if (!deleted) throw AppError.notFound('The channel');
    if (cancelledPostIds.length > 0) {
      await this.deps.cancelJobs?.(cancelledPostIds).catch((error: unknown) => this.deps.logger.warn({ err: error, integrationId: id }, 'could not remove queued jobs'));
    }
    const outcome: DeleteOutcome = { deleted: true, cancelledPosts: cancelledPostIds.length, revoked: false };
    const provider = this.deps.registry.get(parseProvider(row.providerIdentifier));
    const sharedGrant = await this.otherChannelsOfGrant(row);
    if (sharedGrant && sharedGrant.others > 0) {
      outcome.revokeError = `Kept Herald's access at the platform: ${sharedGrant.others} other channel(s) use the same ${sharedGrant.brand} grant.`;
    } else if (provider && !row.inBetweenSteps) {
      try {
        await provider.revoke(decryptChannelTokens(row, this.deps.cipher), row.rootInternalId ?? undefined);
        outcome.revoked = true;
      } catch (error) {
        outcome.revokeError = error instanceof Error ? error.message : 'The platform did not confirm the revocation';
        this.deps.logger.warn({ integrationId: id, provider: row.providerIdentifier, reason: outcome.revokeError }, 'revoke at the platform failed; channel deleted anyway');
      }
    }
    return outcome;
  }

  /**
   * Other channels given by the same platform grant (the catalogue's `appGrant`, Meta's: one per person and app):
   * revoking the grant for this one would cut them all.
   */
  private async otherChannelsOfGrant(row: {
    id: string;
    providerIdentifier: string;
    internalId: string;
    rootInternalId: string | null;
  }): Promise<{ others: number; brand: string } | undefined> {
    const grant = appGrantOf(row.providerIdentifier);
    const through = grant ? grantedThrough(grant.app) : undefined;
    const grantUser = grant?.by === 'root' ? row.rootInternalId : row.internalId;
    if (!grant || !through || !grantUser) return undefined;
    const granted = await this.deps.integrations.findGrantedBy(through, grantUser);
    return { others: granted.filter((other) => other.id !== row.id).length, brand: platformBrand(grant.app) };
  }
}
