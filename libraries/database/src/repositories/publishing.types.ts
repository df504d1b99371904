import type { Prisma, PostState } from '../generated/prisma/client';
import type { CHANNEL_FIELDS, POST_FIELDS } from './publishing.sql';

// The rows the publishing engine reads and writes, shared by its repositories (docs/architecture.md, "The publishing room").

export type PublishingChannel = Prisma.IntegrationGetPayload<{ select: typeof CHANNEL_FIELDS }>;

type PostRow = Prisma.PostGetPayload<{ select: typeof POST_FIELDS }>;

export interface PublishingPost extends PostRow {
  integration: PublishingChannel;
  /** The post before this one in its thread (replies and comments only). */
  parent: { id: string; state: PostState; releaseId: string | null; publishedAt: Date | null } | null;
  /** The first post of the thread, which Instagram and Facebook comments attach to. */
  rootReleaseId: string | null;
  /** Changes with every write to the row: a lease can require the very version that was checked. */
  version?: string;
}

/** A post checked ahead of its time, to be leased only if nothing changed since. */
export interface ArmedPost extends PostRef {
  version: string;
}

export interface PostRef {
  id: string;
  organizationId: string;
}

export interface DueWork extends PostRef {
  state: PostState;
  dueAt: Date;
}

export interface Release {
  releaseId: string | null;
  releaseURL: string | null;
  publishedAt: Date;
}

/** A webhook of the organization, with its filters (the caller decides which events it gets). */
export interface WebhookSubscriber {
  id: string;
  integrations: Prisma.JsonValue;
  events: Prisma.JsonValue;
}

/** What recording a publication set in motion: the thread's next post, now due, and who hears about it. */
export interface RecordedPublication {
  nextChild: (PostRef & { runAt: Date }) | null;
  subscribers: WebhookSubscriber[];
}

export interface NewPublishingNotification {
  organizationId: string;
  type: string;
  message: string;
  postId?: string;
  integrationId?: string;
}
