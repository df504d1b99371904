import type { Media, Prisma } from '../generated/prisma/client';
import type { MediaMetadata } from '@herald/shared';
import type { Database } from '../prisma-client';

export interface NewMedia extends Partial<MediaMetadata> {
  /** Chosen by the caller, so the file can be named before the row exists. */
  id?: string;
  name: string;
  fileKey: string;
  type: string;
  size: number;
  alt?: string | null;
  sourceMediaId?: string | null;
}

export interface MediaFilter {
  /** Part of the name, any case. */
  search?: string;
  /** By the MIME type's first part. */
  kind?: 'image' | 'video';
}

/** A post not yet published that carries a file. */
export interface PostUsingMedia {
  id: string;
  content: string;
  publishDate: Date;
  state: string;
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

  async list(organizationId: string, page: { skip: number; take: number }, filter: MediaFilter = {}): Promise<MediaPage> {
    const where: Prisma.MediaWhereInput = { organizationId, deletedAt: null };
    // Prisma passes `contains` to ILIKE as it is: LIKE's wildcards (and its escape, a backslash) are escaped here.
    if (filter.search) where.name = { contains: filter.search.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' };
    if (filter.kind) where.type = { startsWith: `${filter.kind}/` };
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

  async setAlt(organizationId: string, id: string, alt: string | null): Promise<Media | null> {
    const { count } = await this.db.media.updateMany({ where: { id, organizationId, deletedAt: null }, data: { alt } });
    return count === 1 ? this.findById(organizationId, id) : null;
  }

  /**
   * Posts of the organization not yet published (queued, publishing, or waiting for their outcome) whose media list
   * (`image: [{id?, path, alt?}]`) holds this file, by its id or by its public URL.
   */
  postsUsing(organizationId: string, media: { id: string; url: string }, take = 10): Promise<PostUsingMedia[]> {
    return this.db.$queryRaw<PostUsingMedia[]>`
      SELECT "id", "content", "publishDate", "state"::text AS "state" FROM "Post"
      WHERE "organizationId" = ${organizationId}::uuid AND "deletedAt" IS NULL
        AND "state" IN ('QUEUE', 'PUBLISHING', 'UNCONFIRMED')
        AND ("image" @> ${JSON.stringify([{ id: media.id }])}::jsonb OR "image" @> ${JSON.stringify([{ path: media.url }])}::jsonb)
      ORDER BY "publishDate", "id" LIMIT ${take}`;
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
