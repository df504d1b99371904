'use client';

import type { ChannelSlots, ImportDryRun, ImportResult, NextSlot, PreviewCommentView, PreviewLinkView, SignatureItem } from '@herald/shared';
import { useCallback } from 'react';
import { apiRequest, BACKEND_URL } from '../lib/api-client';
import { ApiError } from '../lib/api-error';
import { getOrganizationId } from '../lib/organization-store';
import type { CreatePostBody, CreatePostResultItem } from '../lib/post-types';
import { invalidateResources, useResource } from '../lib/resource-store';

// The planning routes (docs/api-additions.md, "Planning"): posting times, the queue, series, duplicates, signatures,
// preview links and the CSV import.

const group = (id: string) => `/posts/${encodeURIComponent(id)}`;

export function useSignatures(enabled = true) {
  const resource = useResource<SignatureItem[]>(enabled ? '/signatures' : null);
  const save = useCallback(async (input: { name: string; content: string; default: boolean }, id?: string) => {
    await apiRequest<SignatureItem>(id ? `/signatures/${encodeURIComponent(id)}` : '/signatures', { method: id ? 'PUT' : 'POST', body: input });
    await invalidateResources('/signatures');
  }, []);
  const remove = useCallback(async (id: string) => {
    await apiRequest<unknown>(`/signatures/${encodeURIComponent(id)}`, { method: 'DELETE' });
    await invalidateResources('/signatures');
  }, []);
  return { ...resource, signatures: resource.data, save, remove };
}

export function getSlots(integrationId: string): Promise<ChannelSlots> {
  return apiRequest<ChannelSlots>(`/integrations/${encodeURIComponent(integrationId)}/slots`);
}

export function saveSlots(integrationId: string, slots: string[], timezone: string): Promise<ChannelSlots> {
  return apiRequest<ChannelSlots>(`/integrations/${encodeURIComponent(integrationId)}/slots`, { method: 'PUT', body: { slots, timezone } });
}

export async function nextSlot(integrationIds: readonly string[]): Promise<Date> {
  const answer = await apiRequest<NextSlot>(`/posts/next-slot?integrations=${integrationIds.map(encodeURIComponent).join(',')}`);
  return new Date(answer.date);
}

export function replaceOccurrence(groupId: string, body: CreatePostBody): Promise<CreatePostResultItem[]> {
  return apiRequest<CreatePostResultItem[]>(`${group(groupId)}/occurrence`, { method: 'PUT', body });
}

export function deleteOccurrence(groupId: string): Promise<unknown> {
  return apiRequest<unknown>(`${group(groupId)}/occurrence`, { method: 'DELETE' });
}

export function deleteSeries(groupId: string): Promise<unknown> {
  return apiRequest<unknown>(`${group(groupId)}/series`, { method: 'DELETE' });
}

export async function duplicateGroup(groupId: string): Promise<{ group: string }> {
  const copy = await apiRequest<{ group: string }>(`${group(groupId)}/duplicate`, { method: 'POST', body: {} });
  await invalidateResources('/posts');
  return copy;
}

const noneYet = (error: ApiError) => (error.status === 404 ? null : undefined);

/** The group's preview link; null while it has none. */
export function usePreviewLink(groupId: string | null) {
  const resource = useResource<PreviewLinkView | null>(groupId ? `${group(groupId)}/preview` : null, { recover: noneYet });
  const create = useCallback(async (expiresAt: string | null) => {
    if (!groupId) return;
    await apiRequest<PreviewLinkView>(`${group(groupId)}/preview`, { method: 'POST', body: { expiresAt } });
    await invalidateResources(`${group(groupId)}/preview`);
  }, [groupId]);
  const revoke = useCallback(async () => {
    if (!groupId) return;
    await apiRequest<unknown>(`${group(groupId)}/preview`, { method: 'DELETE' });
    await invalidateResources(`${group(groupId)}/preview`);
  }, [groupId]);
  return { ...resource, link: resource.data, create, revoke };
}

export function usePostComments(groupId: string | null) {
  const resource = useResource<{ comments: PreviewCommentView[] }>(groupId ? `${group(groupId)}/comments` : null);
  return { ...resource, comments: resource.data?.comments };
}

/** POST /posts/import with the file as multipart (apiRequest speaks JSON only). */
export async function importCsv(file: File, dryRun: boolean): Promise<ImportDryRun | ImportResult> {
  const form = new FormData();
  form.append('file', file);
  const organizationId = getOrganizationId();
  let response: Response;
  try {
    response = await fetch(`${BACKEND_URL}/posts/import?dryRun=${dryRun}`, {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json', ...(organizationId ? { showorg: organizationId } : {}) },
      body: form,
    });
  } catch {
    throw ApiError.network(BACKEND_URL);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.fromBody(response.status, body);
  if (!dryRun) await invalidateResources('/posts');
  return body as ImportDryRun | ImportResult;
}
