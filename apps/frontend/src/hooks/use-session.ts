'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { EmailNotifications, SessionUser } from '../lib/api-types';
import { setOrganizationId } from '../lib/organization-store';
import { resetResources, useOrganizationId, useResource } from '../lib/resource-store';

export interface ProfileChanges {
  name?: string;
  timezone?: string;
  emailNotifications?: Partial<EmailNotifications>;
}

export function useSession() {
  const resource = useResource<SessionUser>('/user/self');
  const { mutate, data } = resource;

  const updateProfile = useCallback(
    async (changes: ProfileChanges) => {
      const updated = await apiRequest<Partial<SessionUser> | undefined>('/user/self', { method: 'PUT', body: changes });
      // The contract does not fix PUT's body, so merge what we sent over what we had.
      if (data) {
        const { emailNotifications, ...rest } = changes;
        const notifications = data.emailNotifications && emailNotifications ? { emailNotifications: { ...data.emailNotifications, ...emailNotifications } } : {};
        mutate({ ...data, ...rest, ...notifications, ...(isSessionUser(updated) ? updated : {}) });
      }
    },
    [data, mutate],
  );

  return { ...resource, user: resource.data, updateProfile };
}

/**
 * The person's role in the organization they act for, and what it may do there (docs/api-additions.md#roles):
 * owners and admins manage channels, customers, tags, the API key and the team (`canManage`); only owners transfer
 * or delete the organization (`isOwner`); members work on posts, media and the calendar. `undefined` while loading.
 */
export function useOrganizationRole(): { role: string | undefined; canManage: boolean; isOwner: boolean } {
  const { user } = useSession();
  const chosen = useOrganizationId();
  const organization = user?.organizations.find((org) => org.id === chosen) ?? user?.organizations.find((org) => org.id === user.currentOrganizationId);
  const role = organization?.role;
  return { role, canManage: role === 'OWNER' || role === 'ADMIN', isOwner: role === 'OWNER' };
}

/** Ends every session of the account, this one included (the caller then goes to the login page). */
export async function logoutEverywhere(): Promise<void> {
  await apiRequest<void>('/auth/logout-all', { method: 'POST' });
}

/**
 * Ends the session on the server. The cache is cleared by the login page when it mounts (see
 * forgetSession): clearing it here, while the dashboard is still on screen, would refetch and flash a 401.
 */
export async function logout(): Promise<void> {
  await apiRequest<void>('/auth/logout', { method: 'POST' });
}

/** Drops every cached resource, so nothing from the previous session can show again. */
export function forgetSession(): void {
  resetResources();
}

/** After a successful login or registration: start clean, acting for the organization the API returned. */
export function beginSession(organizationId: string): void {
  resetResources();
  setOrganizationId(organizationId);
}

function isSessionUser(value: unknown): value is SessionUser {
  return typeof value === 'object' && value !== null && 'organizations' in value && 'email' in value;
}
