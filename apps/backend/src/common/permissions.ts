import { SetMetadata } from '@nestjs/common';
import type { Role } from '@herald/database';

/**
 * What a dashboard route lets a person do. Every route that takes a session declares one with `@Allow(...)`, and
 * SessionGuard refuses the roles that do not have it (`403 forbidden`). docs/api-additions.md#roles has the table.
 */
export type Permission =
  /** One's own account, preferences, notifications and sessions. */
  | 'account'
  /** Posts and the calendar, with what composing needs to read: the channels, customers and tags lists. */
  | 'posts'
  | 'media'
  /** Connecting, reconnecting, disabling and deleting channels, and choosing their customer. */
  | 'channels'
  | 'customers'
  | 'tags'
  | 'api_key'
  | 'webhooks'
  /** Invitations, and the members below the owners. */
  | 'team'
  /** The organization itself: transfer it, export it, delete it. */
  | 'organization'
  /** Reading the channels' and posts' figures (the Analytics page, a published post's figures). */
  | 'analytics';

const EVERYONE: readonly Permission[] = ['account', 'posts', 'media', 'analytics'];
const MANAGERS: readonly Permission[] = [...EVERYONE, 'channels', 'customers', 'tags', 'api_key', 'webhooks', 'team'];

/** The one table of who may do what. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  OWNER: [...MANAGERS, 'organization'],
  ADMIN: MANAGERS,
  MEMBER: EVERYONE,
};

export const PERMISSION = 'herald:permission';

/** The permission a route (or every route of a controller) needs; a handler's own wins over its controller's. */
export const Allow = (permission: Permission) => SetMetadata(PERMISSION, permission);

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
