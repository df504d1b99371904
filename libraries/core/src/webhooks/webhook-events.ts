export const WEBHOOK_EVENTS = ['post.published', 'post.failed', 'channel.refresh_needed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * What an event says. `integrationId` also picks the webhooks that listen to that channel only; the rest is
 * free-form JSON for the receiver (post id, release URL, error, ...).
 */
export interface WebhookEventPayload {
  integrationId?: string;
  postId?: string;
  [key: string]: unknown;
}

/** The JSON body a receiver gets. */
export interface WebhookEnvelope {
  id: string;
  event: string;
  createdAt: string;
  data: unknown;
}
