import type { Customer, Tag } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export type CustomerView = Pick<Customer, 'id' | 'name'> & { channels: number };
export type TagView = Pick<Tag, 'id' | 'name' | 'color' | 'organizationId' | 'deletedAt' | 'createdAt' | 'updatedAt'>;

/**
 * How an organization arranges its work: customers group channels (an agency's clients), tags label posts.
 * Every query is scoped to the organization; deletes are soft, and a deleted customer lets go of its channels.
 */
export class OrganizingRepository {
  constructor(private readonly db: Database) {}

  async listCustomers(organizationId: string): Promise<CustomerView[]> {
    const rows = await this.db.customer.findMany({
      where: { organizationId, deletedAt: null },
      select: { id: true, name: true, _count: { select: { integrations: { where: { deletedAt: null } } } } },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => ({ id: r.id, name: r.name, channels: r._count.integrations }));
  }

  findCustomer(organizationId: string, id: string): Promise<Pick<Customer, 'id' | 'name'> | null> {
    return this.db.customer.findFirst({ where: { id, organizationId, deletedAt: null }, select: { id: true, name: true } });
  }

  findCustomerByName(organizationId: string, name: string): Promise<Pick<Customer, 'id' | 'name'> | null> {
    return this.db.customer.findFirst({ where: { organizationId, deletedAt: null, name: { equals: name, mode: 'insensitive' } }, select: { id: true, name: true } });
  }

  createCustomer(organizationId: string, name: string): Promise<Pick<Customer, 'id' | 'name'>> {
    return this.db.customer.create({ data: { organizationId, name }, select: { id: true, name: true } });
  }

  async renameCustomer(organizationId: string, id: string, name: string): Promise<boolean> {
    const { count } = await this.db.customer.updateMany({ where: { id, organizationId, deletedAt: null }, data: { name } });
    return count === 1;
  }

  /** Soft-deletes the customer; its channels stay, under no customer. */
  async deleteCustomer(organizationId: string, id: string, now: Date): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.customer.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now } });
      if (count === 1) await tx.integration.updateMany({ where: { organizationId, customerId: id }, data: { customerId: null } });
      return count === 1;
    });
  }

  /** Puts a live channel of the organization under a customer, or under none (null). */
  async assignChannel(organizationId: string, integrationId: string, customerId: string | null): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({ where: { id: integrationId, organizationId, deletedAt: null }, data: { customerId } });
    return count === 1;
  }

  listTags(organizationId: string): Promise<TagView[]> {
    return this.db.tag.findMany({ where: { organizationId, deletedAt: null }, select: TAG_FIELDS, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  findTagByName(organizationId: string, name: string): Promise<TagView | null> {
    return this.db.tag.findFirst({ where: { organizationId, deletedAt: null, name: { equals: name, mode: 'insensitive' } }, select: TAG_FIELDS });
  }

  createTag(organizationId: string, input: { name: string; color: string }): Promise<TagView> {
    return this.db.tag.create({ data: { organizationId, ...input }, select: TAG_FIELDS });
  }

  async updateTag(organizationId: string, id: string, input: { name?: string; color?: string }): Promise<TagView | null> {
    const { count } = await this.db.tag.updateMany({ where: { id, organizationId, deletedAt: null }, data: input });
    return count === 1 ? this.db.tag.findFirst({ where: { id, organizationId }, select: TAG_FIELDS }) : null;
  }

  /** Soft-deletes the tag; posts stop showing it. */
  async deleteTag(organizationId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.db.tag.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now } });
    return count === 1;
  }
}

const TAG_FIELDS = { id: true, name: true, color: true, organizationId: true, deletedAt: true, createdAt: true, updatedAt: true } as const;
