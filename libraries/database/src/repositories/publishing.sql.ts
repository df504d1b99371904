import type pg from 'pg';
import type { PublishingPost } from './publishing.types';

// The statements that run for every post published, in SQL on the pg pool: each is one round trip and a named
// (prepared) statement. Everything else in the publishing repositories goes through Prisma.

/** The channel columns the publishing engine reads; tokens stay ciphertext here. */
export const CHANNEL_FIELDS = {
  id: true,
  organizationId: true,
  providerIdentifier: true,
  internalId: true,
  profile: true,
  token: true,
  tokenSecret: true,
  refreshToken: true,
  tokenExpiration: true,
  disabled: true,
  refreshNeeded: true,
  inBetweenSteps: true,
  deletedAt: true,
  publishBlockedUntil: true,
  lastRefreshAt: true,
  createdAt: true,
} as const;

/** A post taken for publishing gives its lease up with these columns. */
export const CLEAR_LEASE = { leaseOwner: null, leaseExpiresAt: null } as const;

export const POST_FIELDS = {
  id: true,
  organizationId: true,
  integrationId: true,
  group: true,
  parentPostId: true,
  state: true,
  publishDate: true,
  delay: true,
  content: true,
  settings: true,
  image: true,
  releaseId: true,
  attempts: true,
  attemptStartedAt: true,
  attemptEndedAt: true,
  notBefore: true,
  outcomeHint: true,
  outcomeChecks: true,
  intervalInDays: true,
  leaseOwner: true,
  leaseExpiresAt: true,
  updatedAt: true,
  deletedAt: true,
  // A platform's duplicate refusal is looked for from here: nothing this post became can be older.
  createdAt: true,
} as const;

// The state is read as text (an enum in Postgres).
const POST_COLUMNS = Object.keys(POST_FIELDS).filter((c) => c !== 'state');
const CHANNEL_COLUMNS = Object.keys(CHANNEL_FIELDS);

const MAX_THREAD_DEPTH = 100;

/**
 * A post with its channel, the post it answers and the release id of its thread's first post, in one statement.
 * `version` is the row's xmin: any later write to the post changes it, which lets a lease taken later insist on the
 * exact row that was checked.
 */
export const FIND_POST: pg.QueryConfig = {
  name: 'herald_publishing_find_post',
  text: `
    SELECT ${POST_COLUMNS.map((c) => `p."${c}"`).join(', ')}, p."state"::text AS "state", p.xmin::text AS "version",
           ${CHANNEL_COLUMNS.map((c) => `i."${c}" AS "channel_${c}"`).join(', ')},
           parent."id" AS "parent_id", parent."state"::text AS "parent_state", parent."releaseId" AS "parent_releaseId",
           parent."publishedAt" AS "parent_publishedAt",
           (WITH RECURSIVE chain AS (
              SELECT up."id", up."parentPostId", up."releaseId", 1 AS depth FROM "Post" up WHERE up."id" = p."parentPostId"
              UNION ALL
              SELECT up."id", up."parentPostId", up."releaseId", chain.depth + 1 FROM "Post" up JOIN chain ON up."id" = chain."parentPostId"
               WHERE chain.depth < ${MAX_THREAD_DEPTH})
            SELECT chain."releaseId" FROM chain ORDER BY chain.depth DESC LIMIT 1) AS "rootReleaseId"
      FROM "Post" p
      JOIN "Integration" i ON i."id" = p."integrationId"
      LEFT JOIN "Post" parent ON parent."id" = p."parentPostId"
     WHERE p."id" = $1::uuid AND p."organizationId" = $2::uuid`,
};

/** QUEUE → PUBLISHING for one post. */
export const TAKE_LEASE: pg.QueryConfig = {
  name: 'herald_publishing_take_lease',
  text: `
    UPDATE "Post" SET "state" = 'PUBLISHING', "leaseOwner" = $3, "leaseExpiresAt" = $4, "attemptStartedAt" = $5, "attemptEndedAt" = NULL, "outcomeHint" = NULL, "updatedAt" = $5
     WHERE "id" = $1::uuid AND "organizationId" = $2::uuid AND "state" = 'QUEUE' AND "deletedAt" IS NULL`,
};

/**
 * QUEUE → PUBLISHING for posts checked a moment ago (armed), each only if its row is still the version that was
 * checked and its channel can still publish. Returns the ids leased.
 */
export const TAKE_ARMED_LEASES: pg.QueryConfig = {
  name: 'herald_publishing_take_armed_leases',
  text: `
    UPDATE "Post" p SET "state" = 'PUBLISHING', "leaseOwner" = $3, "leaseExpiresAt" = $4, "attemptStartedAt" = $5, "attemptEndedAt" = NULL, "outcomeHint" = NULL, "updatedAt" = $5
      FROM unnest($1::uuid[], $2::text[]) AS armed("id", "version"), "Integration" i
     WHERE p."id" = armed."id" AND p.xmin::text = armed."version" AND p."state" = 'QUEUE' AND p."deletedAt" IS NULL
       AND i."id" = p."integrationId" AND i."deletedAt" IS NULL AND NOT i."disabled" AND NOT i."refreshNeeded" AND NOT i."inBetweenSteps"
       AND (i."publishBlockedUntil" IS NULL OR i."publishBlockedUntil" <= $5)
    RETURNING p."id"`,
};

/**
 * PUBLISHING (or UNCONFIRMED) → PUBLISHED for many posts of one lease owner, in one statement that also makes each
 * post's next reply or comment due (`delay` minutes later) and returns the webhooks of the organizations concerned.
 * Rows: `published` (id, organizationId), `child` (id, organizationId, parentPostId, runAt), `webhook` (id,
 * organizationId, integrations, events).
 */
export const RECORD_PUBLISHED: pg.QueryConfig = {
  name: 'herald_publishing_record_published',
  text: `
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS t("id", "releaseId", "releaseURL", "publishedAt")
    ), published AS (
      UPDATE "Post" p SET "state" = 'PUBLISHED', "releaseId" = input."releaseId", "releaseURL" = input."releaseURL", "publishedAt" = input."publishedAt",
             "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "error" = NULL, "errorCode" = NULL, "notBefore" = NULL, "updatedAt" = $6
        FROM input
       WHERE p."id" = input."id" AND p."leaseOwner" = $5 AND p."state" IN ('PUBLISHING', 'UNCONFIRMED')
      RETURNING p."id", p."organizationId", input."publishedAt"
    ), children AS (
      UPDATE "Post" c SET "notBefore" = published."publishedAt" + c."delay" * INTERVAL '1 minute', "updatedAt" = $6
        FROM published
       WHERE c."id" = (SELECT n."id" FROM "Post" n WHERE n."parentPostId" = published."id" AND n."state" = 'QUEUE' AND n."deletedAt" IS NULL
                        ORDER BY n."createdAt", n."id" LIMIT 1)
         AND c."state" = 'QUEUE'
      RETURNING c."id", c."organizationId", c."parentPostId", c."notBefore"
    )
    SELECT 'published' AS "kind", "id", "organizationId", NULL::uuid AS "parentPostId", NULL::timestamptz AS "runAt", NULL::jsonb AS "integrations", NULL::jsonb AS "events"
      FROM published
    UNION ALL
    SELECT 'child', "id", "organizationId", "parentPostId", "notBefore", NULL, NULL FROM children
    UNION ALL
    SELECT 'webhook', w."id", w."organizationId", NULL, NULL, w."integrations", w."events"
      FROM "Webhook" w
     WHERE w."deletedAt" IS NULL AND w."organizationId" IN (SELECT "organizationId" FROM published)`,
};

/** The next reply or comment of a thread becomes due `delay` minutes after its parent went out. */
export const SCHEDULE_NEXT_CHILD: pg.QueryConfig = {
  name: 'herald_publishing_schedule_next_child',
  text: `
    UPDATE "Post" c SET "notBefore" = $2::timestamptz + c."delay" * INTERVAL '1 minute', "updatedAt" = $3
     WHERE c."id" = (SELECT n."id" FROM "Post" n WHERE n."parentPostId" = $1::uuid AND n."state" = 'QUEUE' AND n."deletedAt" IS NULL
                      ORDER BY n."createdAt", n."id" LIMIT 1)
       AND c."state" = 'QUEUE'
    RETURNING c."id", c."organizationId", c."notBefore" AS "runAt"`,
};

export function withValues(statement: pg.QueryConfig, values: unknown[]): pg.QueryConfig {
  return { ...statement, values };
}

// Letters, digits and dashes need no quotes in an array literal, except the word NULL (any case), which means null.
const PLAIN_ELEMENT = /^(?!null$)[0-9A-Za-z-]+$/i;

/**
 * A Postgres array literal for ids and versions (nothing in them to quote), written in one join:
 * pg's own array encoding quotes and escapes element by element, a measurable cost for a thousand leases at once.
 * Anything else is handed to pg as an array, to be encoded as usual.
 */
export function plainArray(values: readonly string[]): string | readonly string[] {
  return values.every((v) => PLAIN_ELEMENT.test(v)) ? `{${values.join(',')}}` : values;
}

type Row = Record<string, unknown>;

/** Splits a FIND_POST row into the post, its channel and its parent. */
export function postFromRow(row: Row): PublishingPost {
  const post: Row = { state: row.state, version: row.version, rootReleaseId: row.rootReleaseId ?? null };
  for (const column of POST_COLUMNS) post[column] = row[column];
  const channel: Row = {};
  for (const column of CHANNEL_COLUMNS) channel[column] = row[`channel_${column}`];
  post.integration = channel;
  post.parent = row.parent_id
    ? { id: row.parent_id, state: row.parent_state, releaseId: row.parent_releaseId ?? null, publishedAt: row.parent_publishedAt ?? null }
    : null;
  return post as unknown as PublishingPost;
}
