import type { TokenCipher } from '@herald/crypto';
import type { ChannelStateRepository, PostLeasesRepository, PublicationsRepository, PublishingNotificationsRepository, UnconfirmedPostsRepository } from '@herald/database';
import type { ProviderRegistry } from '@herald/providers';
import type { PostJobScheduler } from '@herald/queue';
import type { Logger } from '../common/logger';
import type { MediaStorage } from '../posts/media/media-storage';
import type { RaiseAlert } from '../email/email-alerts';
import type { EmitWebhookEvent } from '../webhooks/emit-webhook-event';
import type { PublishingOptions } from './publishing.options';

export interface PublishJobRef {
  postId: string;
  organizationId: string;
}

/** What a run of the publish job asks of the queue: finish, or run the same job again at `at`. */
export type PublishRunResult = { kind: 'done'; outcome: string } | { kind: 'later'; at: Date; reason: string };

export const done = (outcome: string): PublishRunResult => ({ kind: 'done', outcome });
export const later = (at: Date, reason: string): PublishRunResult => ({ kind: 'later', at, reason });

/**
 * What the publishing use cases are given. The database side is one port per concern (docs/architecture.md, "The
 * publishing room"); `publishingRepositories(db)` of @herald/database makes all five on one client.
 */
export interface PublishingDeps {
  /** A post's lease: read, take, renew, give up without a publication; the work whose job may be missing. */
  leases: PostLeasesRepository;
  /** What went out: PUBLISHED recorded by the lease owner, the thread's next post made due. */
  publications: PublicationsRepository;
  /** UNCONFIRMED posts: checks counted, and settled as PUBLISHED, QUEUE or ERROR. */
  unconfirmed: UnconfirmedPostsRepository;
  /** The channel row: pauses, publishing quota, tokens' refresh, `refreshNeeded`. */
  channels: ChannelStateRepository;
  /** The notifications the engine writes. */
  notifications: PublishingNotificationsRepository;
  providers: ProviderRegistry;
  cipher: TokenCipher;
  /** Where posts' media are read from (Herald's uploads; never a URL from the post). */
  media: MediaStorage;
  /** The publish queue (the one port, @herald/queue `PostJobScheduler`; adapter `PublishScheduler`). */
  jobs: Pick<PostJobScheduler, 'schedule' | 'ensure'>;
  logger: Logger;
  options: PublishingOptions;
  now: () => Date;
  /** Webhook events (`post.published`, `post.failed`, `channel.refresh_needed`); never throws. */
  events?: EmitWebhookEvent;
  /** Email alerts for the notifications that call for one (post failed, channel to reconnect); never throws. */
  alerts?: RaiseAlert;
  /** A recurring root post went out: its next occurrence is planned (planning/repeat-series.ts); never throws. */
  repeat?: (post: { organizationId: string; group: string }) => Promise<void>;
}
