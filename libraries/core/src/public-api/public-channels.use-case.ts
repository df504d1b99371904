import type { ApiKeysRepository, IntegrationsRepository, OrganizingRepository } from '@herald/database';
import { isPlatformIdentifier } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { ConnectChannel } from '../channels/connect-channel';
import type { ManageChannel } from '../channels/manage-channel';
import { isUuid } from '../posts/ids';
import { effectiveSlots } from '../planning/channel-slots';
import { findFreeSlot, minuteOf } from '../planning/zoned-time';
import { FIND_SLOT_HORIZON_DAYS, toPostizSlot } from './find-slot';
import { integrationSettingsOf, type IntegrationSettingsOutput } from './integration-settings.catalogue';
import type { PublicApiReads } from './public-api.reads';
import { PublicApiError } from './public-api-error';

export interface PublicChannelsDeps {
  integrations: IntegrationsRepository;
  customers: Pick<OrganizingRepository, 'listCustomers'>;
  keys: Pick<ApiKeysRepository, 'findOwnerUserId'>;
  manage: Pick<ManageChannel, 'delete'>;
  connect: Pick<ConnectChannel, 'start'>;
  reads: Pick<PublicApiReads, 'postDates'>;
  now: () => Date;
}

/** GET /public/v1/integrations: exactly these fields; `customer` only when the channel has one (docs/public-api.md §2.1). */
export interface PublicIntegration {
  id: string;
  name: string;
  identifier: string;
  picture: string | null;
  disabled: boolean;
  profile: string | null;
  customer?: { id: string; name: string };
}

const notFound = () => PublicApiError.msg(404, 'Integration not found');

/** Channels as the public API shows them (docs/public-api.md §2). */
export class PublicChannels {
  constructor(private readonly deps: PublicChannelsDeps) {}

  /** `group`: a customer id; only that customer's channels are listed. */
  async list(organizationId: string, group?: unknown): Promise<PublicIntegration[]> {
    const rows = await this.deps.integrations.list(organizationId);
    const only = typeof group === 'string' && group !== '' ? group : undefined;
    return rows
      .filter((c) => only === undefined || c.customer?.id === only)
      .map((c) => ({
        id: c.id,
        name: c.name,
        identifier: c.providerIdentifier,
        picture: c.picture,
        disabled: c.disabled,
        profile: c.profile,
        ...(c.customer ? { customer: { id: c.customer.id, name: c.customer.name } } : {}),
      }));
  }

  /** GET /public/v1/groups: the organization's customers. */
  async groups(organizationId: string): Promise<{ id: string; name: string }[]> {
    const customers = await this.deps.customers.listCustomers(organizationId);
    return customers.map((c) => ({ id: c.id, name: c.name }));
  }

  async settings(organizationId: string, id: string): Promise<{ output: IntegrationSettingsOutput }> {
    const channel = await this.find(organizationId, id);
    return { output: integrationSettingsOf(channel.providerIdentifier, channel.settings) };
  }

  /** Herald's four providers declare no tools, so every method name is unknown. */
  async trigger(organizationId: string, id: string, _body: unknown): Promise<never> {
    const channel = await this.find(organizationId, id);
    if (!isPlatformIdentifier(channel.providerIdentifier)) throw PublicApiError.msg(404, 'Integration provider not found');
    throw PublicApiError.msg(404, 'Tool not found');
  }

  async findSlot(organizationId: string, id: string): Promise<{ date: string }> {
    const channel = await this.find(organizationId, id);
    if (channel.disabled) throw notFound();
    // The channel's posting times in its zone (the dashboard's "Add to queue" uses the same); as in Postiz, a
    // minute is taken by any post of the organization.
    const { slots, zone } = effectiveSlots(channel);
    const slot = await findFreeSlot({
      now: this.deps.now(),
      channels: [{ slots, zone }],
      horizonDays: FIND_SLOT_HORIZON_DAYS,
      taken: async (from, to) => new Set((await this.deps.reads.postDates(organizationId, from, to)).map(minuteOf)),
    });
    if (!slot) throw PublicApiError.msg(404, 'No free slot in the coming year');
    return { date: toPostizSlot(slot) };
  }

  /** A soft delete (queued posts cancelled, grant revoked), answered with the channel without its tokens. */
  async delete(organizationId: string, id: string): Promise<PublicIntegration & { deletedAt: string }> {
    const channel = await this.find(organizationId, id);
    try {
      await this.deps.manage.delete({ organizationId, userId: '' }, id);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw notFound();
      throw error;
    }
    return {
      id: channel.id,
      name: channel.name,
      identifier: channel.providerIdentifier,
      picture: channel.picture,
      disabled: channel.disabled,
      profile: channel.profile,
      deletedAt: this.deps.now().toISOString(),
    };
  }

  /**
   * Starts connecting a channel. The OAuth state is bound to the organization's owner: they finish the
   * connection in the dashboard, signed in, where the platform sends them back.
   */
  async connectUrl(organizationId: string, identifier: string, refresh: string | undefined): Promise<{ url: string }> {
    if (!isPlatformIdentifier(identifier)) throw PublicApiError.msg(400, 'Integration not allowed');
    const owner = await this.deps.keys.findOwnerUserId(organizationId);
    if (!owner) throw PublicApiError.msg(400, 'The organization has no owner to finish the connection');
    if (refresh !== undefined && !isUuid(refresh)) throw notFound();
    try {
      return await this.deps.connect.start({ userId: owner, organizationId }, identifier, refresh);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) throw PublicApiError.msg(error.status === 404 ? 404 : 400, error.message);
      throw PublicApiError.msg(500, 'Failed to generate auth URL');
    }
  }

  /** Checks the channel is the organization's (404 otherwise); its figures come from AnalyticsQueries. */
  async analytics(organizationId: string, id: string): Promise<[]> {
    await this.find(organizationId, id);
    return [];
  }

  private async find(organizationId: string, id: string) {
    const channel = isUuid(id) ? await this.deps.integrations.find(organizationId, id) : null;
    if (!channel) throw notFound();
    return channel;
  }
}
