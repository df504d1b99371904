import type { Prisma, Webhook, WebhookDelivery } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';

// Runs after every post published, so it is a prepared statement on the pool rather than a Prisma query.
const LIST_SUBSCRIBERS = {
  name: 'herald_webhooks_list_subscribers',
  text: 'SELECT "id", "integrations", "events" FROM "Webhook" WHERE "organizationId" = $1::uuid AND "deletedAt" IS NULL',
};

export interface NewWebhook {
  /** Chosen by the caller: the secret's ciphertext is bound to it. */
  id: string;
  name: string;
  url: string;
  /** Ciphertext of the signing secret. */
  secret: string;
  integrations: string[];
  events: string[];
}

/** What the dashboard sees of a webhook: never the secret. */
export type WebhookView = Pick<Webhook, 'id' | 'name' | 'url' | 'createdAt'> & { integrations: Prisma.JsonValue; events: Prisma.JsonValue };

export type DeliveryView = Pick<WebhookDelivery, 'id' | 'event' | 'status' | 'attempts' | 'responseStatus' | 'error' | 'createdAt' | 'deliveredAt'>;

/** One delivery with what it takes to send it. */
export interface DeliveryToSend {
  id: string;
  event: string;
  payload: Prisma.JsonValue;
  status: string;
  attempts: number;
  createdAt: Date;
  webhook: { id: string; organizationId: string; url: string; secret: string; deletedAt: Date | null };
}

export interface DeliveryAttempt {
  status: 'pending' | 'delivered' | 'failed';
  responseStatus: number | null;
  error: string | null;
  deliveredAt: Date | null;
}

const VIEW = { id: true, name: true, url: true, integrations: true, events: true, createdAt: true } as const;

/** Outgoing webhooks of one organization, and their deliveries. */
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  list(organizationId: string): Promise<WebhookView[]> {
    return this.db.webhook.findMany({ where: { organizationId, deletedAt: null }, select: VIEW, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  create(organizationId: string, webhook: NewWebhook): Promise<WebhookView> {
    return this.db.webhook.create({ data: { organizationId, ...webhook }, select: VIEW });
  }

  find(organizationId: string, id: string): Promise<WebhookView | null> {
    return this.db.webhook.findFirst({ where: { id, organizationId, deletedAt: null }, select: VIEW });
  }

  async softDelete(organizationId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.db.webhook.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now } });
    return count === 1;
  }

  listDeliveries(organizationId: string, webhookId: string, take: number): Promise<DeliveryView[]> {
    return this.db.webhookDelivery.findMany({
      where: { webhookId, webhook: { organizationId } },
      select: { id: true, event: true, status: true, attempts: true, responseStatus: true, error: true, createdAt: true, deliveredAt: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Live webhooks of the organization, with their filters; the caller decides which ones an event matches. */
  async listSubscribers(organizationId: string): Promise<Pick<Webhook, 'id' | 'integrations' | 'events'>[]> {
    const { rows } = await sqlPool(this.db).query<Pick<Webhook, 'id' | 'integrations' | 'events'>>({ ...LIST_SUBSCRIBERS, values: [organizationId] });
    return rows;
  }

  /** One pending delivery per webhook, in one statement; returns their ids. */
  async createDeliveries(webhookIds: readonly string[], event: string, payload: Prisma.InputJsonValue): Promise<string[]> {
    if (webhookIds.length === 0) return [];
    const rows = await this.db.webhookDelivery.createManyAndReturn({
      data: webhookIds.map((webhookId) => ({ webhookId, event, payload })),
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  findDeliveryToSend(deliveryId: string): Promise<DeliveryToSend | null> {
    return this.db.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: {
        id: true,
        event: true,
        payload: true,
        status: true,
        attempts: true,
        createdAt: true,
        webhook: { select: { id: true, organizationId: true, url: true, secret: true, deletedAt: true } },
      },
    });
  }

  /** Records one attempt (the counter goes up by one) and its outcome. */
  async recordAttempt(deliveryId: string, attempt: DeliveryAttempt): Promise<void> {
    await this.db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { attempts: { increment: 1 }, status: attempt.status, responseStatus: attempt.responseStatus, error: attempt.error, deliveredAt: attempt.deliveredAt },
    });
  }

  /** Finished deliveries created before `before` (the cleanup's retention); pending ones stay for the retry job. */
  async deleteDeliveriesBefore(before: Date): Promise<number> {
    const { count } = await this.db.webhookDelivery.deleteMany({ where: { createdAt: { lt: before }, status: { not: 'pending' } } });
    return count;
  }
}
