import type { TokenCipher } from '@herald/crypto';
import type { PublishingChannel } from '@herald/database';
import { isProviderIdentifier, type ProviderRegistry, type SocialProvider } from '@herald/providers';
import { decryptChannelTokens } from '../channels/channel-tokens';

export interface Refusal {
  errorCode: string;
  error: string;
}

/** Why a channel cannot publish at all, in words for the person; undefined when it can. */
export function channelRefusal(channel: PublishingChannel): Refusal | undefined {
  if (channel.deletedAt) return { errorCode: 'channel_deleted', error: 'The channel was deleted before the post went out' };
  if (channel.disabled) return { errorCode: 'channel_disabled', error: 'The channel is disabled: enable it, then retry the post' };
  if (channel.refreshNeeded) {
    return { errorCode: 'channel_refresh_needed', error: 'The channel lost its access to the platform: reconnect it, then retry the post' };
  }
  if (channel.inBetweenSteps) return { errorCode: 'channel_incomplete', error: 'The channel setup is not finished: pick its Page, then retry the post' };
  return undefined;
}

export function providerOf(providers: ProviderRegistry, channel: PublishingChannel): SocialProvider | Refusal {
  const identifier = channel.providerIdentifier;
  if (!isProviderIdentifier(identifier)) return { errorCode: 'provider_unknown', error: `Unknown platform "${identifier}"` };
  const provider = providers.get(identifier);
  return provider ?? { errorCode: 'provider_not_configured', error: `${identifier} is not configured on this server` };
}

export function isRefusal(value: SocialProvider | Refusal): value is Refusal {
  return 'errorCode' in value;
}

export function tokensOf(channel: PublishingChannel, cipher: TokenCipher) {
  return decryptChannelTokens(channel, cipher);
}

export function channelRef(channel: PublishingChannel): { id: string; username?: string } {
  return channel.profile ? { id: channel.internalId, username: channel.profile } : { id: channel.internalId };
}
