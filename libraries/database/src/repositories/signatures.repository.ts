import type { Signature } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export type SignatureView = Pick<Signature, 'id' | 'name' | 'content' | 'isDefault' | 'createdAt'>;

const FIELDS = { id: true, name: true, content: true, isDefault: true, createdAt: true } as const;

/** An organization's signatures; at most one is the default (setting one unsets the others, in one transaction). */
export class SignaturesRepository {
  constructor(private readonly db: Database) {}

  list(organizationId: string): Promise<SignatureView[]> {
    return this.db.signature.findMany({ where: { organizationId, deletedAt: null }, select: FIELDS, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  create(organizationId: string, input: { name: string; content: string; isDefault: boolean }): Promise<SignatureView> {
    return this.db.$transaction(async (tx) => {
      if (input.isDefault) await tx.signature.updateMany({ where: { organizationId, isDefault: true }, data: { isDefault: false } });
      return tx.signature.create({ data: { organizationId, ...input }, select: FIELDS });
    });
  }

  update(organizationId: string, id: string, input: { name?: string; content?: string; isDefault?: boolean }): Promise<SignatureView | null> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.signature.updateMany({ where: { id, organizationId, deletedAt: null }, data: input });
      if (count !== 1) return null;
      if (input.isDefault) await tx.signature.updateMany({ where: { organizationId, isDefault: true, NOT: { id } }, data: { isDefault: false } });
      return tx.signature.findFirst({ where: { id, organizationId }, select: FIELDS });
    });
  }

  async softDelete(organizationId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.db.signature.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now, isDefault: false } });
    return count === 1;
  }
}
