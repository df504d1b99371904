import type pg from 'pg';
import type { Prisma } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';
import { plainArray, RECORD_PUBLISHED, SCHEDULE_NEXT_CHILD, withValues } from './publishing.sql';
import type { PostRef, RecordedPublication, Release, WebhookSubscriber } from './publishing.types';

interface RecordedRow {
  kind: 'published' | 'child' | 'webhook';
  id: string;
  organizationId: string;
  parentPostId: string | null;
  runAt: Date | null;
  integrations: Prisma.JsonValue;
  events: Prisma.JsonValue;
}

/**
 * What went out: a leased post recorded PUBLISHED (one statement for a burst), with what that sets in motion, the
 * thread's next post made due and the webhooks to tell. Only the lease owner records, so a late answer still lands on
 * the row it belongs to and on no other.
 */
export class PublicationsRepository {
  private readonly pool: pg.Pool;

  constructor(db: Database) {
    this.pool = sqlPool(db);
  }

  /**
   * PUBLISHING (or UNCONFIRMED after our lease was taken for a check) → PUBLISHED, only for the lease owner:
   * a late answer still lands on the row it belongs to.
   */
  async markPublished(postId: string, owner: string, release: Release): Promise<boolean> {
    return (await this.recordPublished([{ postId, release }], owner)).has(postId);
  }

  /**
   * `markPublished` for many posts of one owner in one statement, which also makes each post's next reply or
   * comment due and reads the webhooks to tell. The map holds the posts recorded; a post missing from it had moved on.
   */
  async recordPublished(items: readonly { postId: string; release: Release }[], owner: string): Promise<Map<string, RecordedPublication>> {
    const recorded = new Map<string, RecordedPublication>();
    if (items.length === 0) return recorded;
    const { rows } = await this.pool.query<RecordedRow>(
      withValues(RECORD_PUBLISHED, [
        plainArray(items.map((i) => i.postId)),
        items.map((i) => i.release.releaseId),
        items.map((i) => i.release.releaseURL),
        items.map((i) => i.release.publishedAt),
        owner,
        new Date(),
      ]),
    );
    const organizationOf = new Map<string, string>();
    const subscribers = new Map<string, WebhookSubscriber[]>();
    for (const row of rows) {
      if (row.kind === 'published') organizationOf.set(row.id, row.organizationId);
      if (row.kind === 'webhook') subscribers.set(row.organizationId, [...(subscribers.get(row.organizationId) ?? []), { id: row.id, integrations: row.integrations, events: row.events }]);
    }
    for (const [postId, organizationId] of organizationOf) recorded.set(postId, { nextChild: null, subscribers: subscribers.get(organizationId) ?? [] });
    for (const row of rows) {
      const parent = row.kind === 'child' ? recorded.get(row.parentPostId ?? '') : undefined;
      if (parent && row.runAt) parent.nextChild = { id: row.id, organizationId: row.organizationId, runAt: row.runAt };
    }
    return recorded;
  }

  /** After a post is out: its reply or comment becomes due `delay` minutes later. */
  async scheduleNextChild(parentId: string, publishedAt: Date): Promise<(PostRef & { runAt: Date }) | null> {
    const { rows } = await this.pool.query<PostRef & { runAt: Date }>(withValues(SCHEDULE_NEXT_CHILD, [parentId, publishedAt, new Date()]));
    return rows[0] ?? null;
  }
}
