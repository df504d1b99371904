import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { TokenCipher } from '@herald/crypto';
import type { DeliveryView, IntegrationsRepository, WebhooksRepository, WebhookView } from '@herald/database';
import { AppError } from '../common/app-error';
import { isUuid } from '../posts/ids';
import { isAllowedAddress } from './safe-http/address-policy';
import { isWebhookEvent, WEBHOOK_EVENTS } from './webhook-events';
import { generateWebhookSecret } from './webhook-signature';
import { webhookSecretContext } from '../common/cipher-contexts';

export interface ManageWebhooksDeps {
  webhooks: WebhooksRepository;
  integrations: Pick<IntegrationsRepository, 'list'>;
  cipher: TokenCipher;
  now: () => Date;
  /** Receivers on loopback or private networks. */
  allowPrivate: boolean;
}

export interface NewWebhookInput {
  name: string;
  url: string;
  integrations?: string[];
  events?: string[];
}

export interface WebhookListItem {
  id: string;
  name: string;
  url: string;
  /** Channel ids; empty means every channel. */
  integrations: string[];
  /** Empty means every event. */
  events: string[];
  createdAt: string;
}

export interface DeliveryListItem {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const DELIVERIES_SHOWN = 100;
const MAX_URL_LENGTH = 2048;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toItem(row: WebhookView): WebhookListItem {
  return { id: row.id, name: row.name, url: row.url, integrations: strings(row.integrations), events: strings(row.events), createdAt: row.createdAt.toISOString() };
}

function toDelivery(row: DeliveryView): DeliveryListItem {
  return { ...row, createdAt: row.createdAt.toISOString(), deliveredAt: row.deliveredAt?.toISOString() ?? null };
}

function invalid(field: string, message: string): AppError {
  return AppError.validation(message, [{ field, message }]);
}

/**
 * The URL as far as it can be judged without the network: http(s), no credentials, and not an address or name
 * that can only be internal. Names are resolved and checked again at each delivery.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url', 'url must be an absolute http or https URL');
  }
  if (raw.length > MAX_URL_LENGTH) throw invalid('url', `url must be at most ${MAX_URL_LENGTH} characters`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('url', 'url must be an absolute http or https URL');
  if (url.username || url.password) throw invalid('url', 'url must not contain credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const internalName = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || !host.includes('.');
  const refused = isIP(host) ? !isAllowedAddress(host, allowPrivate) : internalName && !allowPrivate;
  if (refused) throw invalid('url', 'url must point to a public address, not to an internal network');
  return url.href;
}

/** Outgoing webhooks of an organization (the dashboard's settings). The signing secret is shown once. */
export class ManageWebhooks {
  constructor(private readonly deps: ManageWebhooksDeps) {}

  async list(organizationId: string): Promise<WebhookListItem[]> {
    return (await this.deps.webhooks.list(organizationId)).map(toItem);
  }

  async create(organizationId: string, input: NewWebhookInput): Promise<{ id: string; secret: string }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) throw invalid('name', 'name must be 1 to 100 characters');
    const url = checkWebhookUrl(input.url, this.deps.allowPrivate);
    const events = [...new Set(input.events ?? [])];
    const unknown = events.find((e) => !isWebhookEvent(e));
    if (unknown !== undefined) throw invalid('events', `events must be among ${WEBHOOK_EVENTS.join(', ')}`);
    const integrations = [...new Set(input.integrations ?? [])];
    if (integrations.length > 0) {
      const owned = new Set((await this.deps.integrations.list(organizationId)).map((c) => c.id));
      const missing = integrations.find((id) => !isUuid(id) || !owned.has(id));
      if (missing !== undefined) throw invalid('integrations', `The channel ${missing.slice(0, 60)} was not found in the organization`);
    }
    const secret = generateWebhookSecret();
    const id = randomUUID();
    const row = await this.deps.webhooks.create(organizationId, {
      id,
      name,
      url,
      secret: this.deps.cipher.encrypt(secret, webhookSecretContext(id)),
      integrations,
      events,
    });
    return { id: row.id, secret };
  }

  async remove(organizationId: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.deps.webhooks.softDelete(organizationId, id, this.deps.now()))) throw AppError.notFound('The webhook');
  }

  async deliveries(organizationId: string, id: string): Promise<DeliveryListItem[]> {
    if (!isUuid(id) || !(await this.deps.webhooks.find(organizationId, id))) throw AppError.notFound('The webhook');
    return (await this.deps.webhooks.listDeliveries(organizationId, id, DELIVERIES_SHOWN)).map(toDelivery);
  }
}
