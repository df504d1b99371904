import type { TokenCipher } from '@herald/crypto';
import type { IntegrationRecord, IntegrationsRepository } from '@herald/database';
import {
  type ChannelTokens,
  type ConnectedChannel,
  PROVIDER_IDENTIFIERS,
  type PageOption,
  type ProviderIdentifier,
  type ProviderRegistry,
  type SocialProvider,
} from '@herald/providers';
import { channelRedirectUri } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import { decryptChannelTokens, encryptChannelTokens } from './channel-tokens';
import { type OAuthStateRecord, type OAuthStateStore, requestTokenKey } from './oauth-state.store';
import { toConnectError } from './provider-errors';

export interface Actor {
  userId: string;
  organizationId: string;
}

export interface ConnectResult {
  id: string;
  name: string;
  identifier: string;
  picture: string | null;
  inBetweenSteps: boolean;
}

export interface ConnectChannelDeps {
  registry: ProviderRegistry;
  states: OAuthStateStore;
  integrations: IntegrationsRepository;
  cipher: TokenCipher;
  logger: Logger;
  frontendUrl: string;
}

export function parseProvider(raw: string): ProviderIdentifier {
  const found = PROVIDER_IDENTIFIERS.find((id) => id === raw);
  if (!found) throw new AppError('unknown_provider', `There is no provider called "${raw.slice(0, 40)}". Use one of ${PROVIDER_IDENTIFIERS.join(', ')}.`);
  return found;
}

function toResult(row: IntegrationRecord): ConnectResult {
  return { id: row.id, name: row.name, identifier: row.providerIdentifier, picture: row.picture, inBetweenSteps: row.inBetweenSteps };
}

/** The way of a connection (docs/architecture.md §3): start → the platform → finish, and the in-between page step. */
export class ConnectChannel {
  constructor(private readonly deps: ConnectChannelDeps) {}

  private provider(identifier: ProviderIdentifier): SocialProvider {
    try {
      return this.deps.registry.require(identifier);
    } catch (error) {
      throw toConnectError(error, this.callbackUrl(identifier));
    }
  }

  private callbackUrl(identifier: ProviderIdentifier): string {
    return channelRedirectUri(this.deps.frontendUrl, identifier);
  }

  async start(actor: Actor, rawProvider: string, refreshId?: string): Promise<{ url: string }> {
    const identifier = parseProvider(rawProvider);
    const provider = this.provider(identifier);
    if (refreshId !== undefined) {
      const existing = await this.deps.integrations.find(actor.organizationId, refreshId);
      if (!existing || existing.providerIdentifier !== identifier) throw AppError.notFound('The channel to reconnect');
    }
    const record: OAuthStateRecord = { userId: actor.userId, organizationId: actor.organizationId, provider: identifier, ...(refreshId ? { refreshId } : {}) };
    const state = await this.deps.states.create(record);
    try {
      const started = await provider.startAuthorization({ state });
      if (started.requestToken) {
        await this.deps.states.take(state);
        await this.deps.states.put(requestTokenKey(identifier, started.requestToken.token), { ...record, requestTokenSecret: started.requestToken.secret });
      }
      return { url: started.url };
    } catch (error) {
      throw toConnectError(error, this.callbackUrl(identifier));
    }
  }

  async finish(actor: Actor, rawProvider: string, query: Record<string, string | undefined>): Promise<ConnectResult> {
    const identifier = parseProvider(rawProvider);
    const provider = this.provider(identifier);
    // OAuth 2.0 echoes Herald's state; an OAuth 1.0a platform names its request token instead (its provider reads it).
    const requestToken = provider.callbackQuery?.requestToken(query);
    const stateKey = requestToken ? requestTokenKey(identifier, requestToken) : query.state;
    const record = stateKey ? await this.deps.states.take(stateKey) : null;
    if (query.error !== undefined || provider.callbackQuery?.declined(query) === true) {
      const platform = provider.metadata.name;
      throw AppError.badRequest('access_denied', `You declined access on ${platform}, so nothing was connected. Start again and choose Approve to connect.`);
    }
    if (!record || record.userId !== actor.userId || record.organizationId !== actor.organizationId || record.provider !== identifier) {
      throw AppError.badRequest('invalid_state', 'This connection link expired or was already used. Start again from "Add channel".');
    }
    let connected: ConnectedChannel;
    try {
      connected = await provider.authenticate({ query, ...(record.requestTokenSecret ? { requestTokenSecret: record.requestTokenSecret } : {}) });
      if (record.refreshId) return await this.reconnect(actor, provider, record.refreshId, connected);
    } catch (error) {
      throw toConnectError(error, this.callbackUrl(identifier));
    }
    const row = await this.deps.integrations.upsertConnected(actor.organizationId, this.toInput(actor.organizationId, identifier, connected, null));
    this.deps.logger.info({ organizationId: actor.organizationId, integrationId: row.id, provider: identifier }, 'channel connected');
    return toResult(row);
  }

  /** A reconnect keeps the channel: same account (or the same Page, chosen again with the new grant). */
  private async reconnect(actor: Actor, provider: SocialProvider, refreshId: string, connected: ConnectedChannel): Promise<ConnectResult> {
    const existing = await this.deps.integrations.find(actor.organizationId, refreshId);
    if (!existing) throw AppError.notFound('The channel to reconnect');
    let fresh = connected;
    if (provider.pages && !existing.inBetweenSteps) {
      const pageId = pageIdOf(existing);
      fresh = await provider.pages.select(connected.tokens, pageId);
    }
    if (fresh.identity.id !== existing.internalId && !existing.inBetweenSteps) {
      throw AppError.badRequest(
        'wrong_account',
        `You signed in as ${fresh.identity.username ?? fresh.identity.name}, but this channel is ${existing.profile ?? existing.name}. Sign in with that account to reconnect it.`,
      );
    }
    const row = await this.deps.integrations.upsertConnected(actor.organizationId, this.toInput(actor.organizationId, existing.providerIdentifier as ProviderIdentifier, fresh, existing));
    return toResult(row);
  }

  private toInput(organizationId: string, identifier: ProviderIdentifier, connected: ConnectedChannel, existing: IntegrationRecord | null) {
    const { identity } = connected;
    const previousSettings = existing && typeof existing.settings === 'object' && existing.settings !== null ? (existing.settings as Record<string, unknown>) : {};
    return {
      providerIdentifier: identifier,
      internalId: identity.id,
      name: identity.name,
      picture: identity.picture ?? null,
      profile: identity.username ?? null,
      ...encryptChannelTokens(connected.tokens, this.deps.cipher, { organizationId, providerIdentifier: identifier, internalId: identity.id }),
      inBetweenSteps: connected.inBetweenSteps,
      rootInternalId: existing?.rootInternalId ?? (connected.inBetweenSteps ? identity.id : null),
      settings: {
        ...previousSettings,
        // X's subscription, read at every connect and reconnect: the 280 or 25,000 character limit follows it.
        ...(identity.premium !== undefined ? { premium: identity.premium } : {}),
        ...(identity.subscriptionType !== undefined ? { subscriptionType: identity.subscriptionType } : {}),
      } as Record<string, string | boolean | number>,
    };
  }

  private async inBetween(actor: Actor, id: string): Promise<{ row: IntegrationRecord; provider: SocialProvider; tokens: ChannelTokens }> {
    const row = await this.deps.integrations.find(actor.organizationId, id);
    if (!row) throw AppError.notFound('The channel');
    const provider = this.provider(parseProvider(row.providerIdentifier));
    if (!row.inBetweenSteps || !provider.pages) {
      throw AppError.badRequest('not_in_between_steps', 'This channel is already connected; there is no page to choose.');
    }
    return { row, provider, tokens: decryptChannelTokens(row, this.deps.cipher) };
  }

  async listPages(actor: Actor, id: string): Promise<Array<{ id: string; name: string; picture: string | null; username: string | null }>> {
    const { provider, tokens, row } = await this.inBetween(actor, id);
    let pages: PageOption[];
    try {
      pages = await (provider.pages as NonNullable<SocialProvider['pages']>).list(tokens);
    } catch (error) {
      throw toConnectError(error, this.callbackUrl(parseProvider(row.providerIdentifier)));
    }
    return pages.map((p) => ({ id: p.id, name: p.name, picture: p.picture ?? null, username: p.username ?? null }));
  }

  async selectPage(actor: Actor, id: string, pageId: string): Promise<ConnectResult> {
    const { provider, tokens, row } = await this.inBetween(actor, id);
    const identifier = parseProvider(row.providerIdentifier);
    const pages = provider.pages as NonNullable<SocialProvider['pages']>;
    let chosen: ConnectedChannel;
    try {
      const option = (await pages.list(tokens)).find((p) => p.id === pageId);
      if (!option) throw AppError.badRequest('unknown_page', 'That page is not one of the pages this account can manage. Pick one from the list.');
      chosen = await pages.select(tokens, option.id);
      const input = this.toInput(actor.organizationId, identifier, chosen, null);
      const done = await this.deps.integrations.completeSelection(actor.organizationId, row.id, {
        ...input,
        inBetweenSteps: false,
        rootInternalId: row.rootInternalId ?? row.internalId,
        settings: { ...input.settings, pageId: option.pageId },
      });
      return toResult(done);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw toConnectError(error, this.callbackUrl(identifier));
    }
  }
}

function pageIdOf(row: IntegrationRecord): string {
  const settings = row.settings as Record<string, unknown> | null;
  const pageId = settings?.pageId;
  return typeof pageId === 'string' ? pageId : row.internalId;
}
