import type { TokenCipher } from '@herald/crypto';
import type { WebhooksRepository } from '@herald/database';
import type { DeliveryVerdict } from '@herald/queue';
import type { Logger } from '../common/logger';
import { OutboundRefusedError, safeRequest, type SafeRequestOptions } from './safe-http/safe-request';
import type { WebhookEnvelope } from './webhook-events';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';
import { webhookSecretContext } from '../common/cipher-contexts';

export interface DeliverWebhookDeps {
  webhooks: Pick<WebhooksRepository, 'findDeliveryToSend' | 'recordAttempt'>;
  cipher: TokenCipher;
  now: () => Date;
  logger?: Logger;
  /** Receivers on loopback or private networks (tests, a LAN). */
  allowPrivate?: boolean;
  timeoutMs?: number;
  /** Tests only: the resolver and address policy of safeRequest. */
  network?: Pick<SafeRequestOptions, 'resolve' | 'isAllowed'>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

/**
 * Sends one delivery: a signed JSON POST to the webhook's URL, under the outbound address rules. Each attempt is
 * recorded (attempts, response status, error); a 2xx is delivered, anything else is retried by the queue until the
 * last attempt, which marks the delivery failed.
 */
export class DeliverWebhook {
  constructor(private readonly deps: DeliverWebhookDeps) {}

  async run(deliveryId: string, attempt: { isLast: boolean }): Promise<DeliveryVerdict> {
    const { webhooks } = this.deps;
    const delivery = await webhooks.findDeliveryToSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return { kind: 'done' };
    if (delivery.webhook.deletedAt) {
      await webhooks.recordAttempt(deliveryId, { status: 'failed', responseStatus: null, error: 'The webhook was deleted.', deliveredAt: null });
      return { kind: 'done' };
    }
    const envelope: WebhookEnvelope = { id: delivery.id, event: delivery.event, createdAt: delivery.createdAt.toISOString(), data: delivery.payload };
    const body = JSON.stringify(envelope);
    const timestamp = Math.floor(this.deps.now().getTime() / 1000);
    const signature = signWebhookBody(this.deps.cipher.decrypt(delivery.webhook.secret, webhookSecretContext(delivery.webhook.id)), body, timestamp);

    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const response = await safeRequest(delivery.webhook.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Herald-Webhooks/1',
          [SIGNATURE_HEADER.toLowerCase()]: signature,
          'herald-event': delivery.event,
          'herald-delivery': delivery.id,
        },
        allowPrivate: this.deps.allowPrivate ?? false,
        timeoutMs: this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...this.deps.network,
      });
      status = response.status;
      response.release();
      if (status < 200 || status >= 300) error = `The receiver answered ${status}.`;
    } catch (caught) {
      refused = caught instanceof OutboundRefusedError;
      error = caught instanceof Error ? caught.message : 'The delivery failed.';
    }

    if (error === null) {
      await webhooks.recordAttempt(deliveryId, { status: 'delivered', responseStatus: status, error: null, deliveredAt: this.deps.now() });
      return { kind: 'done' };
    }
    const final = refused || attempt.isLast;
    await webhooks.recordAttempt(deliveryId, { status: final ? 'failed' : 'pending', responseStatus: status, error: error.slice(0, MAX_ERROR_LENGTH), deliveredAt: null });
    this.deps.logger?.warn({ deliveryId, webhookId: delivery.webhook.id, status, error }, final ? 'webhook delivery failed for good' : 'webhook delivery failed; it will be retried');
    return final ? { kind: 'give_up', reason: error } : { kind: 'retry', reason: error };
  }
}
