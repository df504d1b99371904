'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { CreatedInvitation, Invitation, Member, TeamRole } from '../lib/api-types';
import { invalidateResources, useResource } from '../lib/resource-store';

/** The organization's members and pending invitations (owners and admins), and the changes to them. */
export function useTeam(enabled = true) {
  const members = useResource<Member[]>(enabled ? '/organization/members' : null);
  const invitations = useResource<Invitation[]>(enabled ? '/organization/invitations' : null);

  const invite = useCallback(async (email: string, role: Exclude<TeamRole, 'OWNER'>): Promise<CreatedInvitation> => {
    const created = await apiRequest<CreatedInvitation>('/organization/invitations', { method: 'POST', body: { email, role } });
    await invalidateResources('/organization/invitations');
    return created;
  }, []);

  const revoke = useCallback(async (invitation: Invitation): Promise<void> => {
    await apiRequest<unknown>(`/organization/invitations/${encodeURIComponent(invitation.id)}`, { method: 'DELETE' });
    await invalidateResources('/organization/invitations');
  }, []);

  const setRole = useCallback(async (member: Member, role: TeamRole): Promise<void> => {
    await apiRequest<Member>(`/organization/members/${encodeURIComponent(member.userId)}`, { method: 'PUT', body: { role } });
    await Promise.all([invalidateResources('/organization/members'), invalidateResources('/user/self')]);
  }, []);

  const remove = useCallback(async (member: Member): Promise<void> => {
    await apiRequest<unknown>(`/organization/members/${encodeURIComponent(member.userId)}`, { method: 'DELETE' });
    await invalidateResources('/organization/members');
  }, []);

  /** Makes the member the owner; the person who gives it becomes an admin. */
  const transfer = useCallback(async (member: Member): Promise<void> => {
    await apiRequest<Member[]>('/organization/transfer', { method: 'POST', body: { userId: member.userId } });
    await Promise.all([invalidateResources('/organization/members'), invalidateResources('/user/self')]);
  }, []);

  return {
    members: members.data,
    membersError: members.error,
    invitations: invitations.data,
    invitationsError: invitations.error,
    isLoading: members.isLoading || invitations.isLoading,
    reload: () => Promise.all([members.reload(), invitations.reload()]),
    invite,
    revoke,
    setRole,
    remove,
    transfer,
  };
}
