import type { Database } from '../prisma-client';
import { ChannelStateRepository } from './channel-state.repository';
import { PostLeasesRepository } from './post-leases.repository';
import { PublicationsRepository } from './publications.repository';
import { PublishingNotificationsRepository } from './publishing-notifications.repository';
import { UnconfirmedPostsRepository } from './unconfirmed-posts.repository';

/** The publishing engine's repositories, one per concern, on one client (docs/architecture.md, "The publishing room"). */
export interface PublishingRepositories {
  leases: PostLeasesRepository;
  publications: PublicationsRepository;
  unconfirmed: UnconfirmedPostsRepository;
  channels: ChannelStateRepository;
  notifications: PublishingNotificationsRepository;
}

export function publishingRepositories(db: Database): PublishingRepositories {
  return {
    leases: new PostLeasesRepository(db),
    publications: new PublicationsRepository(db),
    unconfirmed: new UnconfirmedPostsRepository(db),
    channels: new ChannelStateRepository(db),
    notifications: new PublishingNotificationsRepository(db),
  };
}
