import { randomUUID } from 'node:crypto';
import type { Post, PostRemoval, PostRowData, PostState, PostWrite, Prisma } from '@herald/database';
import type { CreatePostResultItem, MediaRef, PostType } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { ValidPostRequest } from './post-request.validator';

/** States in which the post may already be on the platform: never written over without an explicit republish. */
export const MAYBE_PUBLISHED: readonly PostState[] = ['PUBLISHED', 'UNCONFIRMED'];
/** States that a delete turns into CANCELLED; the others keep theirs so a worker's conditional update still lands. */
export const CANCELLABLE: readonly PostState[] = ['DRAFT', 'QUEUE', 'ERROR', 'CANCELLED'];

export interface PlannedJob {
  postId: string;
  runAt: Date;
}

export interface GroupPlan {
  writes: PostWrite[];
  removals: PostRemoval[];
  /** After the commit: the publish jobs to (re)place... */
  schedule: PlannedJob[];
  /** ...and the post ids whose job must go. */
  cancel: string[];
  result: CreatePostResultItem[];
}

export interface GroupPlanOptions {
  group: string;
  /** Rows of the group being replaced (none for a new group). */
  existing: readonly Post[];
  now: Date;
  newId?: () => string;
}

function stateFor(type: PostType, existing: Post | undefined): PostState {
  switch (type) {
    case 'draft':
      return 'DRAFT';
    case 'schedule':
    case 'now':
      return 'QUEUE';
    case 'update':
      return existing?.state ?? 'QUEUE';
  }
}

function plainImage(image: readonly MediaRef[] | undefined): Prisma.InputJsonValue {
  return (image ?? []).map((m) => ({
    ...(m.id !== undefined ? { id: m.id } : {}),
    path: m.path,
    ...(m.alt ? { alt: m.alt } : {}),
    ...(m.thumbnail ? { thumbnail: m.thumbnail } : {}),
    ...(m.thumbnailTimestamp !== undefined ? { thumbnailTimestamp: m.thumbnailTimestamp } : {}),
  }));
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? {})) as Prisma.InputJsonValue;
}

function unchanged(existing: Post, row: PostRowData): boolean {
  return (
    existing.content === row.content &&
    existing.parentPostId === row.parentPostId &&
    existing.integrationId === row.integrationId &&
    JSON.stringify(existing.image) === JSON.stringify(row.image) &&
    JSON.stringify(existing.settings) === JSON.stringify(row.settings)
  );
}

function alreadyPublished(post: Post): AppError {
  const when = (post.publishedAt ?? post.publishDate).toISOString().slice(0, 16).replace('T', ' ');
  return AppError.conflict(
    'post_already_published',
    `This post was already published on ${when} UTC (or may have been). Saving it this way would publish it again; pass republish: true to do that on purpose.`,
  );
}

/**
 * Turns a validated request into the rows of one group: `value[0]` of each entry is a root post, and each later
 * entry a child of the one before it (`parentPostId`), in the same state and with the same publishDate, waiting
 * `delay` minutes after its parent is published. When a group is replaced, rows named by `value[].id` are updated
 * in place; the others are soft-deleted. A pure function: the use case runs it, then writes and queues the result.
 */
export function planGroup(request: ValidPostRequest, options: GroupPlanOptions): GroupPlan {
  const { group, existing, now } = options;
  const newId = options.newId ?? randomUUID;
  if (existing.some((p) => p.state === 'PUBLISHING')) {
    throw AppError.conflict('conflict', 'This post is being published right now; try again in a minute.');
  }
  const existingById = new Map(existing.map((p) => [p.id, p]));
  const claimed = new Set<string>();
  const publishDate = request.type === 'now' ? now : request.date;
  const republish = request.body.republish === true;

  const writes: PostWrite[] = [];
  const schedule: PlannedJob[] = [];
  const result: CreatePostResultItem[] = [];
  // Rows that stay published: no worker will queue their children (new or edited), so this plan does.
  const stillPublished = new Map<string, Post>();

  for (const entry of request.body.posts) {
    const integrationId = entry.integration.id;
    let parent: string | null = null;
    entry.value.forEach((value, index) => {
      const candidate = value.id !== undefined ? existingById.get(value.id) : undefined;
      const previous = candidate && candidate.integrationId === integrationId && !claimed.has(candidate.id) ? candidate : undefined;
      const id = previous?.id ?? newId();
      claimed.add(id);
      const row: PostRowData = {
        id,
        integrationId,
        parentPostId: parent,
        state: stateFor(request.type, previous),
        publishDate,
        delay: index === 0 ? 0 : Math.round(value.delay ?? 0),
        content: value.content,
        settings: toJson(entry.settings),
        image: plainImage(value.image),
        intervalInDays: index === 0 ? (request.body.inter ?? null) : null,
      };
      parent = id;
      if (index === 0) result.push({ postId: id, integration: integrationId, group });

      if (previous && MAYBE_PUBLISHED.includes(previous.state) && request.type !== 'update' && !republish) {
        if (!unchanged(previous, row)) throw alreadyPublished(previous);
        stillPublished.set(id, previous);
        return;
      }
      if (previous?.state === 'PUBLISHED' && row.state === 'PUBLISHED') stillPublished.set(id, previous);
      writes.push(
        previous
          ? { kind: 'update', row, expectedState: previous.state, clearRelease: MAYBE_PUBLISHED.includes(previous.state) && row.state !== previous.state }
          : { kind: 'create', row },
      );
      if (row.state !== 'QUEUE') return;
      const parentPost = row.parentPostId ? stillPublished.get(row.parentPostId) : undefined;
      if (row.parentPostId === null) {
        schedule.push({ postId: id, runAt: publishDate });
      } else if (parentPost?.state === 'PUBLISHED') {
        // The parent is out already, so no worker will queue this one: it is due `delay` minutes after it.
        const due = (parentPost.publishedAt ?? now).getTime() + row.delay * 60_000;
        schedule.push({ postId: id, runAt: new Date(Math.max(due, now.getTime())) });
      }
    });
  }

  const removals: PostRemoval[] = existing
    .filter((p) => !claimed.has(p.id))
    .map((p) => ({ id: p.id, expectedState: p.state, nextState: CANCELLABLE.includes(p.state) ? 'CANCELLED' : p.state }));
  const scheduled = new Set(schedule.map((j) => j.postId));
  const cancel = existing.map((p) => p.id).filter((id) => !scheduled.has(id));
  return { writes, removals, schedule, cancel, result };
}
