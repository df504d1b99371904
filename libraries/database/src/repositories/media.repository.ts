import type { Media } from '../generated/prisma/client';
import type { Database } from '../prisma-client';

export interface NewMedia {
  /** Chosen by the caller, so the file can be named before the row exists. */
  id?: string;
  name: string;
  fileKey: string;
  type: string;
  size: number;
}

export interface MediaPage {
  items: Media[];
  total: number;
}

/** The media library of one organization. Rows are soft-deleted; their files go later (see findDeletedBefore). */
export class MediaRepository {
  constructor(private readonly db: Database) {}

  create(organizationId: string, media: NewMedia): Promise<Media> {
    return this.db.media.create({ data: { ...media, organizationId } });
  }

  async list(organizationId: string, page: { skip: number; take: number }): Promise<MediaPage> {
    const where = { organizationId, deletedAt: null };
    const [items, total] = await this.db.$transaction([
      this.db.media.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.skip, take: page.take }),
      this.db.media.count({ where }),
    ]);
    return { items, total };
  }

  findById(organizationId: string, id: string): Promise<Media | null> {
    return this.db.media.findFirst({ where: { id, organizationId, deletedAt: null } });
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<Media[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.media.findMany({ where: { organizationId, id: { in: [...ids] }, deletedAt: null } });
  }

  findByFileKeys(organizationId: string, fileKeys: readonly string[]): Promise<Media[]> {
    if (fileKeys.length === 0) return Promise.resolve([]);
    return this.db.media.findMany({ where: { organizationId, fileKey: { in: [...fileKeys] }, deletedAt: null } });
  }

  async softDelete(organizationId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.db.media.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now } });
    return count === 1;
  }

  /** For the cleanup sweep, across organizations: media deleted before `cutoff`, whose files may now go. */
  findDeletedBefore(cutoff: Date, take: number): Promise<Pick<Media, 'id' | 'organizationId' | 'fileKey'>[]> {
    return this.db.media.findMany({
      where: { deletedAt: { lt: cutoff } },
      select: { id: true, organizationId: true, fileKey: true },
      orderBy: { deletedAt: 'asc' },
      take,
    });
  }

  /** For the sweep of unused files, across organizations and deleted rows included: which of these keys a row names. */
  async fileKeysInUse(fileKeys: readonly string[]): Promise<Set<string>> {
    if (fileKeys.length === 0) return new Set();
    const rows = await this.db.media.findMany({ where: { fileKey: { in: [...fileKeys] } }, select: { fileKey: true } });
    return new Set(rows.map((r) => r.fileKey));
  }

  /** For the cleanup sweep, once the files are gone: the rows themselves. */
  async purge(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { count } = await this.db.media.deleteMany({ where: { id: { in: [...ids] }, deletedAt: { not: null } } });
    return count;
  }
}
