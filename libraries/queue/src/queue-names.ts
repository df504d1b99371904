// Queue and job names, and their payloads: the contract between the API (which schedules) and the workers.
// Every Herald key in Redis lives under this prefix, BullMQ's included.
export const REDIS_PREFIX = 'herald';

export const QUEUES = {
  /** One delayed job per post that is due (root posts, and replies/comments once their parent is out). */
  publish: 'publish',
  /** Outgoing webhook deliveries. */
  webhooks: 'webhooks',
  /** Outgoing email (invitations, password resets, alert digests): sent by the workers, never in a request. */
  email: 'email',
  /** Analytics collection: one job per channel at a time, spread over the hour by the cron (docs/analytics.md). */
  analytics: 'analytics',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  publishPost: 'publish-post',
  deliverWebhook: 'deliver-webhook',
  sendEmail: 'send-email',
  collectAnalytics: 'collect-analytics',
} as const;

export interface CollectAnalyticsPayload {
  integrationId: string;
}

/** One analytics job per channel at a time: its id is the channel's. */
export function analyticsJobId(integrationId: string): string {
  return `analytics-${integrationId}`;
}

/**
 * Publish jobs wake this long before their post's time: the worker loads and checks the post ahead, then waits in
 * memory until the exact millisecond, so that only the lease and the platform call are left for the minute itself.
 */
export const PUBLISH_ARM_LEAD_MS = 5_000;

export interface PublishPostPayload {
  postId: string;
  organizationId: string;
}

export interface DeliverWebhookPayload {
  deliveryId: string;
}

/**
 * The Redis pub/sub channel on which a post whose job a worker holds is announced as changed (moved, edited,
 * deleted): the worker holding it armed looks at it again at once instead of at its old time.
 */
export function publishChangedChannel(prefix: string = REDIS_PREFIX): string {
  return `${prefix}:publish:changed`;
}

/** The job id of a post's publish job is the post id, so a post can never be queued twice. */
export function publishJobId(postId: string): string {
  return postId;
}

/**
 * One email to send. Tokens travel encrypted (the token cipher), so that neither Redis nor a failed job's record
 * holds a usable link.
 */
export type SendEmailPayload =
  | { kind: 'invitation'; invitationId: string; encryptedToken: string }
  | { kind: 'password_reset'; resetId: string; encryptedToken: string }
  | { kind: 'alert_digest'; userId: string };

/** One digest job per person at a time: the alerts that arrive meanwhile wait for it (or for the next one). */
export function alertDigestJobId(userId: string): string {
  return `alert-digest-${userId}`;
}
