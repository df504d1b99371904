import type { AnalyticsPost, AnalyticsRepository, PublishingChannel, SnapshotInput } from '@herald/database';
import { type AnalyticsResult, type ChannelTokens, isProviderError, type SocialProvider } from '@herald/providers';
import { channelRef, channelRefusal, isRefusal, providerOf, tokensOf } from '../publishing/channel-access';
import { ChannelTokenManager, type ChannelTokenManagerDeps } from '../channels/channel-token-manager';
import { type AnalyticsCadence, isChannelDue, isPostDue, POST_WINDOW_MS } from './analytics-schedule';

export interface AnalyticsSettings {
  /**
   * The collection cadence per platform identifier, where the server sets one (ANALYTICS_X: X reads are rate-limited
   * and billed on paid tiers). A platform not named is read daily.
   */
  cadence: Readonly<Partial<Record<string, AnalyticsCadence>>>;
}

export interface CollectAnalyticsDeps {
  /** The publishing engine's dependencies: the same channel lookup, token decryption and refresh path. */
  publishing: ChannelTokenManagerDeps;
  snapshots: AnalyticsRepository;
  settings: AnalyticsSettings;
}

export interface CollectRequest {
  /** Read the channel's own figures even if it has some for today (a live read for the API or the dashboard). */
  forceChannel?: boolean;
  /** Read these posts (Herald post ids) whatever their schedule. */
  forcePosts?: readonly string[];
}

export type CollectOutcome =
  | { status: 'collected'; requests: number; rows: number; posts: number; dropped: string[]; pauseUntil?: Date }
  | { status: 'skipped'; reason: string }
  /** A rate limit or a transient fault: the job runs again at `at`. */
  | { status: 'later'; at: Date; reason: string }
  /** The channel must be reconnected (it was marked so). */
  | { status: 'failed'; reason: string };

const TOKEN_EXPIRY_MARGIN_MS = 60_000;

/** Reads a channel's figures and its due posts' from the platform and upserts them as today's snapshots. */
export class CollectAnalytics {
  private readonly refresher: ChannelTokenManager;

  constructor(private readonly deps: CollectAnalyticsDeps) {
    this.refresher = new ChannelTokenManager(deps.publishing);
  }

  /** The cadence of a platform's collection; `off` means none at all. */
  cadence(providerIdentifier: string): AnalyticsCadence {
    return this.deps.settings.cadence[providerIdentifier] ?? 'daily';
  }

  /** Platforms whose providers can read figures and are not switched off. */
  enabledProviders(): string[] {
    return this.deps.publishing.providers
      .configured()
      .filter((p) => p.analytics !== undefined && this.cadence(p.identifier) !== 'off')
      .map((p) => p.identifier);
  }

  async collect(integrationId: string, request: CollectRequest = {}): Promise<CollectOutcome> {
    const { publishing } = this.deps;
    const channel = await publishing.channels.findChannel(integrationId);
    if (!channel) return { status: 'skipped', reason: 'channel not found' };
    const refusal = channelRefusal(channel);
    if (refusal) return { status: 'skipped', reason: refusal.errorCode };
    const provider = providerOf(publishing.providers, channel);
    if (isRefusal(provider)) return { status: 'skipped', reason: provider.errorCode };
    if (!provider.analytics) return { status: 'skipped', reason: 'no analytics for this platform' };
    const cadence = this.cadence(channel.providerIdentifier);
    if (cadence === 'off') return { status: 'skipped', reason: 'analytics off for this platform' };

    const now = publishing.now();
    const posts = await this.deps.snapshots.publishedPosts(channel.id, new Date(now.getTime() - POST_WINDOW_MS));
    const forced = new Set(request.forcePosts ?? []);
    const due = posts.filter((p) => forced.has(p.id) || isPostDue(p, now));
    for (const id of forced) {
      if (!due.some((p) => p.id === id)) {
        // An older post asked for by the API: outside the cron's window, read on demand.
        const older = await this.deps.snapshots.publishedPosts(channel.id, new Date(0));
        const found = older.find((p) => p.id === id);
        if (found) due.push(found);
      }
    }
    const channelDue = request.forceChannel === true || isChannelDue(await this.deps.snapshots.lastChannelCollection(channel.id), now, cadence);
    if (!channelDue && due.length === 0) return { status: 'skipped', reason: 'nothing due' };
    return this.read(channel, provider, due, now);
  }

  private async read(channel: PublishingChannel, provider: SocialProvider, due: AnalyticsPost[], now: Date): Promise<CollectOutcome> {
    const { publishing } = this.deps;
    let tokens: ChannelTokens = tokensOf(channel, publishing.cipher);
    // An expired token is renewed first, through the publishing engine's refresh (the one place tokens are stored).
    if (tokens.expiresAt && tokens.expiresAt.getTime() - TOKEN_EXPIRY_MARGIN_MS <= now.getTime() && provider.refresh) {
      const renewed = await this.renew(channel);
      if (renewed.status !== 'ok') return renewed.outcome;
      tokens = renewed.tokens;
    }
    const byRelease = new Map(due.map((p) => [p.releaseId, p.id]));
    const input = { channel: channelRef(channel), tokens, postIds: [...byRelease.keys()] };
    let result: AnalyticsResult;
    try {
      result = await this.call(provider, input);
    } catch (error: unknown) {
      if (!isProviderError(error)) throw error;
      if (error.kind === 'refresh_token' && provider.refresh) {
        const renewed = await this.renew(channel);
        if (renewed.status !== 'ok') return renewed.outcome;
        try {
          result = await this.call(provider, { ...input, tokens: renewed.tokens });
        } catch (retry: unknown) {
          return this.failure(channel, retry, now);
        }
      } else {
        return this.failure(channel, error, now);
      }
    }
    const rows: SnapshotInput[] = result.channel.map((s) => ({ integrationId: channel.id, postId: null, metric: s.metric, value: s.value }));
    for (const [releaseId, samples] of Object.entries(result.posts)) {
      const postId = byRelease.get(releaseId);
      if (postId) for (const s of samples) rows.push({ integrationId: channel.id, postId, metric: s.metric, value: s.value });
    }
    const saved = await this.deps.snapshots.saveSnapshots(rows, now);
    if (result.dropped.length) publishing.logger.warn({ integrationId: channel.id, metrics: result.dropped }, 'analytics: the platform refused retired metrics; they are skipped');
    return { status: 'collected', requests: result.requests, rows: saved, posts: Object.keys(result.posts).length, dropped: result.dropped, ...(result.pauseUntil ? { pauseUntil: result.pauseUntil } : {}) };
  }

  private call(provider: SocialProvider, input: Parameters<NonNullable<SocialProvider['analytics']>['collect']>[0]): Promise<AnalyticsResult> {
    const reader = provider.analytics;
    if (!reader) throw new Error('provider without analytics');
    return reader.collect(input);
  }

  private async renew(channel: PublishingChannel): Promise<{ status: 'ok'; tokens: ChannelTokens } | { status: 'no'; outcome: CollectOutcome }> {
    const result = await this.refresher.refresh(channel);
    if (result.status === 'refreshed') return { status: 'ok', tokens: result.tokens };
    if (result.status === 'later') return { status: 'no', outcome: { status: 'later', at: new Date(this.deps.publishing.now().getTime() + 5 * 60_000), reason: result.message } };
    const reason = result.status === 'failed' ? result.message : 'the platform cannot renew this token';
    await this.refresher.requireReconnect(channel, reason);
    return { status: 'no', outcome: { status: 'failed', reason } };
  }

  private async failure(channel: PublishingChannel, error: unknown, now: Date): Promise<CollectOutcome> {
    if (!isProviderError(error)) throw error;
    if (error.kind === 'retry_later' || error.kind === 'unknown_outcome') {
      return { status: 'later', at: error.retryAt ?? new Date(now.getTime() + 60_000), reason: error.message };
    }
    if (error.kind === 'reconnect' || error.kind === 'refresh_token') {
      await this.refresher.requireReconnect(channel, error.platform.message ?? error.message);
      return { status: 'failed', reason: error.message };
    }
    this.deps.publishing.logger.warn({ integrationId: channel.id, kind: error.kind, reason: error.message }, 'analytics: reading figures failed');
    return { status: 'failed', reason: error.message };
  }
}
