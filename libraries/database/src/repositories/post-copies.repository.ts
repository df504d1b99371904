import { type CreationMethod, Prisma, type PostState } from '../generated/prisma/client';
import type { Database } from '../prisma-client';
import type { PostRowData } from './posts.repository';

/** One row of a group to copy: the post, its channel's zone and (roots) its tags. */
export interface CopySourceRow {
  id: string;
  integrationId: string;
  parentPostId: string | null;
  state: PostState;
  publishDate: Date;
  delay: number;
  content: string;
  settings: Prisma.JsonValue;
  image: Prisma.JsonValue;
  intervalInDays: number | null;
  creationMethod: CreationMethod;
  createdAt: Date;
  channelTimezone: string | null;
  tagIds: string[];
}

/** A new row, written as given (ids chosen by the caller, parents before children). */
export interface CopyRow extends PostRowData {
  group: string;
  creationMethod: CreationMethod;
  /** Roots of a recurring series: the post this one repeats (unique: a second copy of it is skipped). */
  previousOccurrenceId: string | null;
}

/** One channel's thread to write: the root, its replies or comments in order, and the root's tags. */
export interface ThreadCopy {
  root: CopyRow;
  children: CopyRow[];
  tagIds: string[];
}

export interface RecurringPublished {
  organizationId: string;
  group: string;
}

/**
 * Copies of post groups: duplicates and the next occurrences of recurring posts (docs/planning.md). A thread whose
 * root repeats a post that already has its copy (`previousOccurrenceId` is unique) is skipped, in the same
 * transaction, so retried or racing publishes never plan an occurrence twice.
 */
export class PostCopiesRepository {
  constructor(private readonly db: Database) {}

  /** The live rows of a group, oldest first, with their channel's zone and (on roots) their live tags. */
  async readGroup(organizationId: string, group: string): Promise<CopySourceRow[]> {
    const rows = await this.db.post.findMany({
      where: { organizationId, group, deletedAt: null },
      include: { integration: { select: { timezone: true } }, tags: { where: { tag: { deletedAt: null } }, select: { tagId: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => ({
      id: r.id,
      integrationId: r.integrationId,
      parentPostId: r.parentPostId,
      state: r.state,
      publishDate: r.publishDate,
      delay: r.delay,
      content: r.content,
      settings: r.settings,
      image: r.image,
      intervalInDays: r.intervalInDays,
      creationMethod: r.creationMethod,
      createdAt: r.createdAt,
      channelTimezone: r.integration.timezone,
      tagIds: r.tags.map((t) => t.tagId),
    }));
  }

  /**
   * Writes the threads in one transaction and returns those written. With `into`, nothing is written when that
   * group already has rows and none of them is live: its series was deleted, and must not come back.
   */
  async writeThreads(organizationId: string, threads: readonly ThreadCopy[], options: { into?: string } = {}): Promise<ThreadCopy[]> {
    return this.db.$transaction(async (tx) => {
      if (options.into !== undefined) {
        const existing = await tx.post.findMany({ where: { organizationId, group: options.into }, select: { deletedAt: true } });
        if (existing.length > 0 && existing.every((r) => r.deletedAt !== null)) return [];
      }
      const written: ThreadCopy[] = [];
      for (const thread of threads) {
        // ON CONFLICT DO NOTHING: a root that repeats an already repeated post is not written (nor its thread).
        const { count } = await tx.post.createMany({ data: [{ ...thread.root, organizationId }], skipDuplicates: true });
        if (count !== 1) continue;
        for (const child of thread.children) await tx.post.create({ data: { ...child, organizationId } });
        if (thread.tagIds.length > 0) await tx.postTag.createMany({ data: thread.tagIds.map((tagId) => ({ postId: thread.root.id, tagId })) });
        written.push(thread);
      }
      return written;
    });
  }

  /** Every group of the series `group` belongs to (the occurrences before it and after it), itself included. */
  async seriesGroups(organizationId: string, group: string): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ group: string }[]>(Prisma.sql`
      WITH RECURSIVE earlier AS (
        SELECT p."id", p."group", p."previousOccurrenceId" FROM "Post" p
         WHERE p."organizationId" = ${organizationId}::uuid AND p."group" = ${group} AND p."parentPostId" IS NULL
        UNION
        SELECT q."id", q."group", q."previousOccurrenceId" FROM "Post" q JOIN earlier e ON q."id" = e."previousOccurrenceId"
         WHERE q."organizationId" = ${organizationId}::uuid
      ), later AS (
        SELECT p."id", p."group" FROM "Post" p
         WHERE p."organizationId" = ${organizationId}::uuid AND p."group" = ${group} AND p."parentPostId" IS NULL
        UNION
        SELECT q."id", q."group" FROM "Post" q JOIN later l ON q."previousOccurrenceId" = l."id"
         WHERE q."organizationId" = ${organizationId}::uuid
      )
      SELECT DISTINCT "group" FROM (SELECT "group" FROM earlier UNION SELECT "group" FROM later) s`);
    return rows.map((r) => r.group);
  }

  /** Across organizations, for the cron: groups with a recurring root published since `since` whose copy is missing. */
  findPublishedWithoutNext(since: Date, limit: number): Promise<RecurringPublished[]> {
    return this.db.$queryRaw<RecurringPublished[]>(Prisma.sql`
      SELECT DISTINCT p."organizationId", p."group" FROM "Post" p
       WHERE p."intervalInDays" IS NOT NULL AND p."parentPostId" IS NULL AND p."publishedAt" >= ${since}
         AND p."state" = 'PUBLISHED' AND p."deletedAt" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "Post" n WHERE n."previousOccurrenceId" = p."id")
       LIMIT ${limit}`);
  }
}
