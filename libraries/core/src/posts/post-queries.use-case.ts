import type { CalendarPostRow, Post, PostGroupRow, PostsRepository, PostState } from '@herald/database';
import { parsePostDate, type PostListItem, type PostListResponse } from '@herald/shared';
import { AppError, type ErrorDetail } from '../common/app-error';
import { isUuid } from './ids';

/** The longest range one calendar query may ask for. */
export const MAX_LIST_RANGE_DAYS = 366;

export interface ListPostsQuery {
  startDate?: unknown;
  endDate?: unknown;
  customer?: unknown;
}

/** A validated calendar query: the range, and the customer whose channels only are shown. */
export interface CalendarRange {
  start: Date;
  end: Date;
  customer?: string;
}

export interface GroupValueView {
  id: string;
  content: string;
  image: unknown;
  delay: number;
  state: PostState;
  publishDate: string;
  releaseURL: string | null;
  releaseId: string | null;
  error: string | null;
}

export interface GroupChannelView {
  integration: { id: string; providerIdentifier: string; name: string; picture: string | null };
  settings: unknown;
  value: GroupValueView[];
}

/** GET /posts/:id: the whole group, shaped like the create body so that it can be edited and sent back to PUT. */
export interface PostGroupView {
  group: string;
  type: 'draft' | 'schedule';
  date: string;
  /** The tags of the group's first post, as the create body names them. */
  tags: { value: string; label: string }[];
  /** Repeat every so many days (a recurring post), as the create body's `inter`; absent when it does not repeat. */
  inter?: number;
  posts: GroupChannelView[];
}

export function toPostListItem(row: CalendarPostRow): PostListItem {
  return {
    id: row.id,
    content: row.content,
    publishDate: row.publishDate.toISOString(),
    releaseURL: row.releaseURL,
    releaseId: row.releaseId,
    state: row.state,
    intervalInDays: row.intervalInDays,
    group: row.group,
    creationMethod: row.creationMethod,
    settings: JSON.stringify(row.settings ?? {}),
    tags: row.tags.map((tag) => ({
      tag: { ...tag, createdAt: isoOf(tag.createdAt), updatedAt: isoOf(tag.updatedAt), deletedAt: tag.deletedAt === null ? null : isoOf(tag.deletedAt) },
    })),
    integration: { id: row.integrationId, providerIdentifier: row.providerIdentifier, name: row.integrationName, picture: row.integrationPicture },
  };
}

/** A timestamp as Postgres' JSON writes it, as ISO 8601 in UTC like every other date of the API. */
function isoOf(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function orderedThread(rows: readonly PostGroupRow[], root: PostGroupRow): PostGroupRow[] {
  const byParent = new Map(rows.filter((r) => r.parentPostId).map((r) => [r.parentPostId, r]));
  const thread: PostGroupRow[] = [];
  for (let at: PostGroupRow | undefined = root; at && thread.length < rows.length; at = byParent.get(at.id)) thread.push(at);
  return thread;
}

function valueView(row: Post): GroupValueView {
  return {
    id: row.id,
    content: row.content,
    image: row.image,
    delay: row.delay,
    state: row.state,
    publishDate: row.publishDate.toISOString(),
    releaseURL: row.releaseURL,
    releaseId: row.releaseId,
    error: row.error,
  };
}

export class PostQueries {
  constructor(private readonly posts: PostsRepository) {}

  /** The calendar: root posts of the organization's live channels in [startDate, endDate]. */
  async list(organizationId: string, query: ListPostsQuery): Promise<PostListResponse> {
    const range = this.listRange(query);
    if (!range) return { posts: [] };
    const rows = await this.posts.listCalendar(organizationId, range.start, range.end, range.customer);
    return { posts: rows.map(toPostListItem) };
  }

  /**
   * The same answer as `list`, as JSON text built by Postgres (the dashboard's calendar sends it as it is).
   * `range` is the validated query (`listRange`).
   */
  async listJson(organizationId: string, range: CalendarRange | null): Promise<string> {
    if (!range) return '{"posts":[]}';
    return this.posts.listCalendarJson(organizationId, range.start, range.end, range.customer);
  }

  /** The validated range of a calendar query; null when its customer filter can match nothing. */
  listRange(query: ListPostsQuery): CalendarRange | null {
    const details: ErrorDetail[] = [];
    const dates = (['startDate', 'endDate'] as const).map((field) => {
      const value = query[field];
      const date = typeof value === 'string' ? parsePostDate(value) : undefined;
      if (!date) details.push({ field, code: 'isPostDate', message: `${field} must be a valid ISO 8601 date string` });
      return date;
    });
    const [start, end] = dates;
    if (!start || !end) throw AppError.validation('The date range is invalid.', details);
    if (end < start) throw AppError.validation('The date range is invalid.', [{ field: 'endDate', code: 'range', message: 'endDate must not be before startDate' }]);
    if (end.getTime() - start.getTime() > MAX_LIST_RANGE_DAYS * 86_400_000) {
      throw AppError.validation('The date range is too long.', [{ field: 'endDate', code: 'range', message: `A range may span at most ${MAX_LIST_RANGE_DAYS} days` }]);
    }
    // Only the posts of that customer's channels; an id that is no customer's matches nothing. "" means no filter.
    const customer = typeof query.customer === 'string' && query.customer !== '' ? query.customer : undefined;
    if (customer !== undefined && !isUuid(customer)) return null;
    return { start, end, ...(customer === undefined ? {} : { customer }) };
  }

  /** GET /posts/:id with any post of the group (a reply's id too). */
  async getGroup(organizationId: string, id: string): Promise<PostGroupView> {
    const post = isUuid(id) ? await this.posts.findById(organizationId, id) : null;
    if (!post) throw AppError.notFound('Post');
    const rows = await this.posts.findGroup(organizationId, post.group);
    const roots = rows.filter((r) => r.parentPostId === null);
    const first = roots[0] ?? post;
    return {
      group: post.group,
      type: roots.length > 0 && roots.every((r) => r.state === 'DRAFT') ? 'draft' : 'schedule',
      date: first.publishDate.toISOString(),
      tags: (roots[0]?.tags ?? []).filter((t) => t.tag.deletedAt === null).map((t) => ({ value: t.tag.name, label: t.tag.name })),
      ...(first.intervalInDays ? { inter: first.intervalInDays } : {}),
      posts: roots.map((root) => ({
        integration: root.integration,
        settings: root.settings,
        value: orderedThread(rows, root).map(valueView),
      })),
    };
  }
}
