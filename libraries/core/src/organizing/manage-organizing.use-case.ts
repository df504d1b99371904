import type { CustomerView, OrganizingRepository, TagView } from '@herald/database';
import { CUSTOMER_NAME_MAX, nextTagColor, TAG_COLOR, TAG_NAME_MAX } from '@herald/shared';
import { AppError } from '../common/app-error';
import { isUuid } from '../posts/ids';

export interface CustomerItem {
  id: string;
  name: string;
  /** Live channels under this customer. */
  channels: number;
}

export interface TagItem {
  id: string;
  name: string;
  color: string;
  createdAt: string;
}

function nameOf(value: unknown, max: number): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '' || name.length > max) {
    throw AppError.validation('The name is invalid.', [{ field: 'name', code: 'name', message: `name must be between 1 and ${max} characters` }]);
  }
  return name;
}

function colorOf(value: unknown): string {
  if (typeof value !== 'string' || !TAG_COLOR.test(value)) {
    throw AppError.validation('The color is invalid.', [{ field: 'color', code: 'color', message: 'color must be a hex color like #2563eb' }]);
  }
  return value.toLowerCase();
}

function toTag(tag: TagView): TagItem {
  return { id: tag.id, name: tag.name, color: tag.color, createdAt: tag.createdAt.toISOString() };
}

function toCustomer(customer: CustomerView): CustomerItem {
  return { id: customer.id, name: customer.name, channels: customer.channels };
}

/**
 * Customers group an organization's channels (an agency's clients: the public API's "customer" or "group"), and
 * tags label its posts. Names are unique within the organization, whatever their case.
 */
export class ManageOrganizing {
  constructor(
    private readonly repo: OrganizingRepository,
    private readonly now: () => Date,
  ) {}

  async customers(organizationId: string): Promise<CustomerItem[]> {
    return (await this.repo.listCustomers(organizationId)).map(toCustomer);
  }

  async createCustomer(organizationId: string, input: { name?: unknown }): Promise<CustomerItem> {
    const name = nameOf(input.name, CUSTOMER_NAME_MAX);
    if (await this.repo.findCustomerByName(organizationId, name)) throw AppError.conflict('name_taken', `There is already a customer named “${name}”.`);
    const created = await this.repo.createCustomer(organizationId, name);
    return { ...created, channels: 0 };
  }

  async renameCustomer(organizationId: string, id: string, input: { name?: unknown }): Promise<{ id: string; name: string }> {
    const name = nameOf(input.name, CUSTOMER_NAME_MAX);
    const same = await this.repo.findCustomerByName(organizationId, name);
    if (same && same.id !== id) throw AppError.conflict('name_taken', `There is already a customer named “${name}”.`);
    if (!isUuid(id) || !(await this.repo.renameCustomer(organizationId, id, name))) throw AppError.notFound('Customer');
    return { id, name };
  }

  /** The customer goes; its channels stay, under no customer. */
  async deleteCustomer(organizationId: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repo.deleteCustomer(organizationId, id, this.now()))) throw AppError.notFound('Customer');
  }

  /**
   * Puts a channel under a customer: an existing one (`customerId`), one found or made by `name`, or none
   * (`customerId: null`).
   */
  async assignChannel(organizationId: string, integrationId: string, input: { customerId?: unknown; name?: unknown }): Promise<{ customer: { id: string; name: string } | null }> {
    let customer: { id: string; name: string } | null = null;
    if (input.customerId === null) {
      customer = null;
    } else if (typeof input.customerId === 'string') {
      customer = isUuid(input.customerId) ? await this.repo.findCustomer(organizationId, input.customerId) : null;
      if (!customer) throw AppError.notFound('Customer');
    } else if (input.name !== undefined) {
      const name = nameOf(input.name, CUSTOMER_NAME_MAX);
      customer = (await this.repo.findCustomerByName(organizationId, name)) ?? (await this.repo.createCustomer(organizationId, name));
    } else {
      throw AppError.validation('Say which customer.', [{ field: 'customerId', code: 'required', message: 'Send customerId (an id, or null for none) or the name of a customer' }]);
    }
    if (!isUuid(integrationId) || !(await this.repo.assignChannel(organizationId, integrationId, customer?.id ?? null))) throw AppError.notFound('Channel');
    return { customer };
  }

  async tags(organizationId: string): Promise<TagItem[]> {
    return (await this.repo.listTags(organizationId)).map(toTag);
  }

  async createTag(organizationId: string, input: { name?: unknown; color?: unknown }): Promise<TagItem> {
    const name = nameOf(input.name, TAG_NAME_MAX);
    const existing = await this.repo.listTags(organizationId);
    if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) throw AppError.conflict('name_taken', `There is already a tag named “${name}”.`);
    const color = input.color === undefined ? nextTagColor(existing.length) : colorOf(input.color);
    return toTag(await this.repo.createTag(organizationId, { name, color }));
  }

  async updateTag(organizationId: string, id: string, input: { name?: unknown; color?: unknown }): Promise<TagItem> {
    const change: { name?: string; color?: string } = {};
    if (input.name !== undefined) change.name = nameOf(input.name, TAG_NAME_MAX);
    if (input.color !== undefined) change.color = colorOf(input.color);
    if (change.name !== undefined) {
      const same = await this.repo.findTagByName(organizationId, change.name);
      if (same && same.id !== id) throw AppError.conflict('name_taken', `There is already a tag named “${change.name}”.`);
    }
    const updated = isUuid(id) ? await this.repo.updateTag(organizationId, id, change) : null;
    if (!updated) throw AppError.notFound('Tag');
    return toTag(updated);
  }

  /** The tag goes, and posts stop showing it. */
  async deleteTag(organizationId: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repo.deleteTag(organizationId, id, this.now()))) throw AppError.notFound('Tag');
  }
}
