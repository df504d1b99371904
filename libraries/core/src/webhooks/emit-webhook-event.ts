import type { Prisma, WebhookSubscriber, WebhooksRepository } from '@herald/database';
import type { WebhookDeliveryJobs } from '@herald/queue';
import type { Logger } from '../common/logger';
import type { WebhookEvent, WebhookEventPayload } from './webhook-events';

export interface WebhookEmitterDeps {
  webhooks: Pick<WebhooksRepository, 'listSubscribers' | 'createDeliveries'>;
  jobs: WebhookDeliveryJobs;
  logger?: Logger;
}

/**
 * `(organizationId, event, payload)`: what publishing calls; it never throws. A caller that already read the
 * organization's webhooks (in the statement that recorded the post) passes them as `subscribers`.
 */
export type EmitWebhookEvent = (organizationId: string, event: WebhookEvent, payload: WebhookEventPayload, subscribers?: readonly WebhookSubscriber[]) => Promise<void>;

function listOf(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An empty filter means "all": all events, all channels. A channel filter skips events about no channel. */
export function webhookMatches(webhook: { integrations: Prisma.JsonValue; events: Prisma.JsonValue }, event: WebhookEvent, payload: WebhookEventPayload): boolean {
  const events = listOf(webhook.events);
  if (events.length > 0 && !events.includes(event)) return false;
  const channels = listOf(webhook.integrations);
  return channels.length === 0 || (payload.integrationId !== undefined && channels.includes(payload.integrationId));
}

/**
 * Writes one pending WebhookDelivery per matching webhook of the organization and queues a `deliver-webhook` job
 * for each. Returns how many deliveries were made. A failure is logged, never raised: a post that went out must
 * not fail (or publish again) because a webhook could not be queued.
 */
export async function emitWebhookEvent(
  deps: WebhookEmitterDeps,
  organizationId: string,
  event: WebhookEvent,
  payload: WebhookEventPayload,
  known?: readonly WebhookSubscriber[],
): Promise<number> {
  try {
    const subscribers = known ?? (await deps.webhooks.listSubscribers(organizationId));
    const matching = subscribers.filter((w) => webhookMatches(w, event, payload)).map((w) => w.id);
    if (matching.length === 0) return 0;
    const ids = await deps.webhooks.createDeliveries(matching, event, JSON.parse(JSON.stringify(payload)) as Prisma.InputJsonValue);
    await deps.jobs.enqueue(ids);
    return ids.length;
  } catch (err) {
    deps.logger?.warn({ err, organizationId, event }, 'could not emit a webhook event');
    return 0;
  }
}

export function createWebhookEmitter(deps: WebhookEmitterDeps): EmitWebhookEvent {
  return async (organizationId, event, payload, subscribers) => {
    await emitWebhookEvent(deps, organizationId, event, payload, subscribers);
  };
}
