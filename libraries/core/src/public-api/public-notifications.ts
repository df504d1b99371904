import type { PublicApiReads } from './public-api.reads';
import { PublicApiError } from './public-api-error';

export const PUBLIC_NOTIFICATIONS_PAGE_SIZE = 100;

export interface PublicNotificationsPage {
  notifications: { id: string; content: string; link: string | null; createdAt: string }[];
  total: number;
  page: number;
  limit: number;
  hasMore: boolean;
}

const MAX_PAGE = 1_000_000;

/** `page` as Postiz reads it: parseInt, 0-based, default 0. */
function pageOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  const page = typeof raw === 'string' ? parseInt(raw, 10) : NaN;
  if (Number.isNaN(page)) throw PublicApiError.validation(['page must be a number conforming to the specified constraints']);
  if (page < 0) throw PublicApiError.validation(['page must not be less than 0']);
  // parseInt reads "9999…" (400 digits) as Infinity, which no database offset takes.
  if (page > MAX_PAGE) throw PublicApiError.validation([`page must not be greater than ${MAX_PAGE}`]);
  return page;
}

/** GET /public/v1/notifications (docs/public-api.md §4.5): newest first, 100 a page. */
export async function listPublicNotifications(reads: Pick<PublicApiReads, 'notifications'>, organizationId: string, rawPage: unknown): Promise<PublicNotificationsPage> {
  const page = pageOf(rawPage);
  const skip = page * PUBLIC_NOTIFICATIONS_PAGE_SIZE;
  const { items, total } = await reads.notifications(organizationId, skip, PUBLIC_NOTIFICATIONS_PAGE_SIZE);
  return {
    notifications: items.map((n) => ({ id: n.id, content: n.message, link: null, createdAt: n.createdAt.toISOString() })),
    total,
    page,
    limit: PUBLIC_NOTIFICATIONS_PAGE_SIZE,
    hasMore: skip + items.length < total,
  };
}
