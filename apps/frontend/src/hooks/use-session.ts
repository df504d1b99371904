'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { SessionUser } from '../lib/api-types';
import { setOrganizationId } from '../lib/organization-store';
import { resetResources, useResource } from '../lib/resource-store';

export interface ProfileChanges {
  name?: string;
  timezone?: string;
}

export function useSession() {
  const resource = useResource<SessionUser>('/user/self');
  const { mutate, data } = resource;

  const updateProfile = useCallback(
    async (changes: ProfileChanges) => {
      const updated = await apiRequest<Partial<SessionUser> | undefined>('/user/self', { method: 'PUT', body: changes });
      // The contract does not fix PUT's body, so merge what we sent over what we had.
      if (data) mutate({ ...data, ...changes, ...(isSessionUser(updated) ? updated : {}) });
    },
    [data, mutate],
  );

  return { ...resource, user: resource.data, updateProfile };
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/auth/logout', { method: 'POST' });
  } finally {
    setOrganizationId(null);
    resetResources();
  }
}

function isSessionUser(value: unknown): value is SessionUser {
  return typeof value === 'object' && value !== null && 'organizations' in value && 'email' in value;
}
