import { type CreationMethod, Prisma, type Post, type PostState } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';

/** What post validation needs to know about a target channel. */
export interface PostChannel {
  id: string;
  providerIdentifier: string;
  name: string;
  picture: string | null;
  disabled: boolean;
  inBetweenSteps: boolean;
  deletedAt: Date | null;
  settings: unknown;
}

/** The columns of one post row that a compose action decides. */
export interface PostRowData {
  id: string;
  integrationId: string;
  parentPostId: string | null;
  state: PostState;
  publishDate: Date;
  delay: number;
  content: string;
  settings: Prisma.InputJsonValue;
  image: Prisma.InputJsonValue;
  /** Root rows of a recurring post: repeat every so many days (null: once). */
  intervalInDays: number | null;
}

/** One write of a group, applied in order (a parent is always written before its children). */
export type PostWrite =
  | { kind: 'create'; row: PostRowData }
  /** In place, only while the row is still in `expectedState`; `clearRelease` forgets an earlier publication. */
  | { kind: 'update'; row: PostRowData; expectedState: PostState; clearRelease: boolean };

/** What a compose action sets besides its rows. */
export interface GroupWriteMeta {
  /** Stored on the rows it creates; rows written in place keep theirs. */
  creationMethod: CreationMethod;
  /** The tags of each root post written (replacing its earlier ones); undefined keeps them as they are. */
  tagIds?: readonly string[];
}

/** A row of the group that the new version no longer has: soft-deleted, and moved to `nextState`. */
export interface PostRemoval {
  id: string;
  expectedState: PostState;
  nextState: PostState;
}

export interface PostGroupRow extends Post {
  integration: { id: string; providerIdentifier: string; name: string; picture: string | null };
  tags: { tag: { name: string; deletedAt: Date | null } }[];
}

/** A tag as the post lists show it (docs/public-api.md §3.1). */
export interface CalendarTag {
  id: string;
  name: string;
  color: string;
  orgId: string;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One row of the calendar query: a root post and its channel. */
export interface CalendarPostRow {
  id: string;
  content: string;
  publishDate: Date;
  releaseURL: string | null;
  releaseId: string | null;
  state: PostState;
  group: string;
  settings: unknown;
  integrationId: string;
  providerIdentifier: string;
  integrationName: string;
  integrationPicture: string | null;
  creationMethod: CreationMethod;
  intervalInDays: number | null;
  tags: CalendarTag[];
}

/** What a post that starts over (edited into a new state, or retried) forgets of its earlier attempts. */
const FRESH_ATTEMPT = {
  error: null,
  errorCode: null,
  attempts: 0,
  leaseOwner: null,
  leaseExpiresAt: null,
  attemptStartedAt: null,
  attemptEndedAt: null,
  notBefore: null,
  outcomeHint: Prisma.DbNull,
  outcomeChecks: 0,
} satisfies Prisma.PostUpdateManyMutationInput;

/** The top-level posts of a calendar range, picked on their own (see `calendarQuery`): both calendar queries start here. */
function calendarPosts(columns: Prisma.Sql, organizationId: string, start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
      SELECT ${columns}
        FROM "Post"
       WHERE "organizationId" = ${organizationId}::uuid
         AND "publishDate" >= ${start} AND "publishDate" <= ${end}
         AND "deletedAt" IS NULL AND "parentPostId" IS NULL`;
}

/**
 * The calendar's one query (exported so that a test can EXPLAIN it). The posts are picked first, on their own,
 * so that the planner always reaches them through the (organizationId, publishDate) index: joined freely, it may
 * walk a busy channel's every post instead, when its statistics say channels are small.
 */
export function calendarQuery(organizationId: string, start: Date, end: Date, customerId?: string): Prisma.Sql {
  const customer = customerId === undefined ? Prisma.empty : Prisma.sql`AND i."customerId" = ${customerId}::uuid`;
  return Prisma.sql`
    WITH p AS MATERIALIZED (${calendarPosts(Prisma.sql`"id", "integrationId", "content", "publishDate", "releaseURL", "releaseId", "state", "group", "settings", "creationMethod", "intervalInDays"`, organizationId, start, end)})
    SELECT p."id", p."content", p."publishDate", p."releaseURL", p."releaseId", p."state"::text AS "state", p."group", p."settings",
           p."creationMethod"::text AS "creationMethod", p."intervalInDays",
           i."id" AS "integrationId", i."providerIdentifier", i."name" AS "integrationName", i."picture" AS "integrationPicture",
           COALESCE((SELECT json_agg(json_build_object('id', t."id", 'name', t."name", 'color', t."color", 'orgId', t."organizationId",
                                                       'deletedAt', t."deletedAt", 'createdAt', t."createdAt", 'updatedAt', t."updatedAt") ORDER BY t."name")
                       FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId"
                      WHERE pt."postId" = p."id" AND t."deletedAt" IS NULL), '[]'::json) AS "tags"
      FROM p
      JOIN "Integration" i ON i."id" = p."integrationId"
     WHERE i."organizationId" = ${organizationId}::uuid AND i."deletedAt" IS NULL ${customer}
     ORDER BY p."publishDate" ASC, p."id" ASC`;
}

/** A timestamp as `Date.toISOString()` writes it (UTC, milliseconds, `Z`). */
const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The calendar built by Postgres as the answer's JSON text, `{"posts":[…]}`, in the shape of `toPostListItem`
 * (field by field, in the same order): the backend sends it as it is. The rows are picked as in `calendarQuery`.
 * Each post's own fields come written already, in the generated column "calendarJson" (`herald_post_calendar_json`,
 * prisma/migrations/20261207090000_calendar_post_json): the query only adds the live tags and the channel, which
 * change apart from the post, so its cost per post is a few concatenations (docs/performance.md).
 */
export function calendarJsonQuery(organizationId: string, start: Date, end: Date, customerId?: string): Prisma.Sql {
  const customer = customerId === undefined ? Prisma.empty : Prisma.sql`AND i."customerId" = ${customerId}::uuid`;
  return Prisma.sql`
    WITH p AS MATERIALIZED (${calendarPosts(Prisma.sql`"id", "integrationId", "publishDate", "calendarJson"`, organizationId, start, end)}),
    -- Each live tag's JSON once (not once per post that has it). Tags of the organization only: a post's tag is
    -- always one of its organization's.
    tj AS MATERIALIZED (
      SELECT t."id", t."name", '{"tag":' || row_to_json(c)::text || '}' AS "json"
        FROM "Tag" t
        CROSS JOIN LATERAL (SELECT t."id", t."name", t."color", t."organizationId" AS "orgId", NULL::text AS "deletedAt",
                                   ${iso(Prisma.sql`t."createdAt"`)} AS "createdAt", ${iso(Prisma.sql`t."updatedAt"`)} AS "updatedAt") c
       WHERE t."organizationId" = ${organizationId}::uuid AND t."deletedAt" IS NULL),
    -- The tags of all those posts at once (one join, not a lookup per post), ordered by name: sorted once, then
    -- concatenated in that order. string_agg(... ORDER BY ...) would sort each post's tags on its own (a sort per
    -- post: 10-20 ms for a week of 1,100 posts with two tags each, on Postgres 15); an aggregate without ORDER BY
    -- takes its input in the order the subquery gives it (bench/README.md, second pass).
    tg AS (
      SELECT s."postId", '[' || string_agg(s."json", ',') || ']' AS "tags"
        FROM (SELECT pt."postId", tj."json"
                FROM p
                JOIN "PostTag" pt ON pt."postId" = p."id"
                JOIN tj ON tj."id" = pt."tagId"
               ORDER BY pt."postId", tj."name", tj."id") s
       GROUP BY s."postId"),
    -- Each live channel's JSON once (the end of its posts' objects), not once per post.
    ij AS (
      SELECT i."id", ',"integration":' || row_to_json(c)::text || '}' AS "tail"
        FROM "Integration" i CROSS JOIN LATERAL (SELECT i."id", i."providerIdentifier", i."name", i."picture") c
       WHERE i."organizationId" = ${organizationId}::uuid AND i."deletedAt" IS NULL ${customer})
    SELECT '{"posts":[' || COALESCE(string_agg(p."calendarJson" || ',"tags":' || COALESCE(tg."tags", '[]') || ij."tail", ',' ORDER BY p."publishDate", p."id"), '') || ']}' AS "body"
      FROM p
      JOIN ij ON ij."id" = p."integrationId"
      LEFT JOIN tg ON tg."postId" = p."id"`;
}

/** A conditional write found the row in another state than expected: someone (a worker) changed it meanwhile. */
export class StalePostError extends Error {
  constructor(readonly postId: string) {
    super(`post ${postId} changed while it was being written`);
    this.name = 'StalePostError';
  }
}

/** Posts of one organization. Every state change is conditional on the state the caller saw. */
export class PostsRepository {
  constructor(private readonly db: Database) {}

  findChannels(organizationId: string, ids: readonly string[]): Promise<PostChannel[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.integration.findMany({
      where: { organizationId, id: { in: [...ids] } },
      select: { id: true, providerIdentifier: true, name: true, picture: true, disabled: true, inBetweenSteps: true, deletedAt: true, settings: true },
    });
  }

  /** The ids of the organization's live tags named by `labels` (exactly); labels that name none are left out. */
  async findTagIds(organizationId: string, labels: readonly string[]): Promise<string[]> {
    if (labels.length === 0) return [];
    const tags = await this.db.tag.findMany({ where: { organizationId, deletedAt: null, name: { in: [...labels] } }, select: { id: true } });
    return tags.map((t) => t.id);
  }

  findById(organizationId: string, id: string): Promise<Post | null> {
    return this.db.post.findFirst({ where: { id, organizationId, deletedAt: null } });
  }

  findGroup(organizationId: string, group: string): Promise<PostGroupRow[]> {
    return this.db.post.findMany({
      where: { organizationId, group, deletedAt: null },
      include: {
        integration: { select: { id: true, providerIdentifier: true, name: true, picture: true } },
        tags: { select: { tag: { select: { name: true, deletedAt: true } } } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Writes a whole group in one transaction; a StalePostError rolls all of it back. */
  async writeGroup(organizationId: string, group: string, writes: readonly PostWrite[], removals: readonly PostRemoval[], now: Date, meta: GroupWriteMeta): Promise<void> {
    await this.db.$transaction(async (tx) => {
      for (const removal of removals) {
        const { count } = await tx.post.updateMany({
          where: { id: removal.id, organizationId, group, deletedAt: null, state: removal.expectedState },
          data: { deletedAt: now, state: removal.nextState },
        });
        if (count !== 1) throw new StalePostError(removal.id);
      }
      for (const write of writes) {
        const { id, ...data } = write.row;
        const tags = data.parentPostId === null && meta.tagIds !== undefined ? meta.tagIds : undefined;
        if (write.kind === 'create') {
          await tx.post.create({ data: { id, organizationId, group, ...data, creationMethod: meta.creationMethod } });
          if (tags?.length) await tx.postTag.createMany({ data: tags.map((tagId) => ({ postId: id, tagId })) });
          continue;
        }
        const release = write.clearRelease ? { releaseId: null, releaseURL: null, publishedAt: null } : {};
        // A row that changes state starts a fresh attempt; one edited in its state keeps its history.
        const attempt = data.state === write.expectedState ? {} : FRESH_ATTEMPT;
        const { count } = await tx.post.updateMany({
          where: { id, organizationId, deletedAt: null, state: write.expectedState },
          data: { ...data, group, ...release, ...attempt },
        });
        if (count !== 1) throw new StalePostError(id);
        if (tags) {
          await tx.postTag.deleteMany({ where: { postId: id } });
          if (tags.length) await tx.postTag.createMany({ data: tags.map((tagId) => ({ postId: id, tagId })) });
        }
      }
    });
  }

  /**
   * New groups only (a CSV import): every row of every group in one transaction, a thousand rows a statement, so
   * that a failure writes nothing. Rows come parents first.
   */
  async createGroups(organizationId: string, groups: readonly { group: string; rows: readonly PostRowData[] }[], meta: GroupWriteMeta): Promise<void> {
    const rows = groups.flatMap(({ group, rows: each }) => each.map((row) => ({ ...row, organizationId, group, creationMethod: meta.creationMethod })));
    const tags = meta.tagIds ?? [];
    await this.db.$transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) await tx.post.createMany({ data: rows.slice(i, i + 1000) });
      const links = rows.filter((r) => r.parentPostId === null).flatMap((r) => tags.map((tagId) => ({ postId: r.id, tagId })));
      for (let i = 0; i < links.length; i += 1000) await tx.postTag.createMany({ data: links.slice(i, i + 1000) });
    });
  }

  /** The rows of one channel's thread in a group (the root and its replies or comments). */
  findThread(organizationId: string, group: string, integrationId: string): Promise<Post[]> {
    return this.db.post.findMany({ where: { organizationId, group, integrationId, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Moves a thread: every row, each only while it is still in the state the caller saw. */
  async moveThread(organizationId: string, rows: readonly { id: string; expectedState: PostState }[], publishDate: Date): Promise<void> {
    await this.db.$transaction(async (tx) => {
      for (const row of rows) {
        const { count } = await tx.post.updateMany({ where: { id: row.id, organizationId, deletedAt: null, state: row.expectedState }, data: { publishDate } });
        if (count !== 1) throw new StalePostError(row.id);
      }
    });
  }

  /**
   * Soft-deletes a group. Rows in `cancellable` states also become CANCELLED; the others (published, or being
   * published) keep their state so that a worker's conditional update still lands. Returns the ids deleted.
   */
  async softDeleteGroup(organizationId: string, group: string, cancellable: readonly PostState[], now: Date): Promise<string[]> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.post.findMany({ where: { organizationId, group, deletedAt: null }, select: { id: true } });
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await tx.post.updateMany({ where: { id: { in: ids }, state: { in: [...cancellable] } }, data: { deletedAt: now, state: 'CANCELLED' } });
      await tx.post.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt: now } });
      return ids;
    });
  }

  /**
   * Puts posts back in QUEUE for another attempt, each only from the state the caller saw: the error, the lease
   * and the attempt count are reset, and `clearRelease` forgets an earlier publication (an explicit republish).
   */
  async requeue(organizationId: string, rows: readonly { id: string; expectedState: PostState }[], options: { publishDate?: Date; clearRelease: boolean }): Promise<void> {
    const release = options.clearRelease ? { releaseId: null, releaseURL: null, publishedAt: null } : {};
    const date = options.publishDate ? { publishDate: options.publishDate } : {};
    await this.db.$transaction(async (tx) => {
      for (const row of rows) {
        const { count } = await tx.post.updateMany({
          where: { id: row.id, organizationId, deletedAt: null, state: row.expectedState },
          data: { state: 'QUEUE', ...FRESH_ATTEMPT, ...release, ...date },
        });
        if (count !== 1) throw new StalePostError(row.id);
      }
    });
  }

  /**
   * The calendar: root posts of live channels published in [start, end], with their channel, in one query
   * served by the (organizationId, publishDate) index.
   */
  /** The calendar: root posts in [start, end], of one customer's channels when `customerId` is given. */
  listCalendar(organizationId: string, start: Date, end: Date, customerId?: string): Promise<CalendarPostRow[]> {
    return this.db.$queryRaw<CalendarPostRow[]>(calendarQuery(organizationId, start, end, customerId));
  }

  /** The calendar as the answer's JSON text, `{"posts":[…]}`, built by Postgres (`calendarJsonQuery`). */
  async listCalendarJson(organizationId: string, start: Date, end: Date, customerId?: string): Promise<string> {
    // Straight on the pool (one text value back: nothing for Prisma to map), unnamed, so PgBouncer-safe.
    const query = calendarJsonQuery(organizationId, start, end, customerId);
    const { rows } = await sqlPool(this.db).query<{ body: string }>({ text: query.text, values: query.values });
    return rows[0]?.body ?? '{"posts":[]}';
  }
}
