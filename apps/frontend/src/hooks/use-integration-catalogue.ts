'use client';

import { apiRequest } from '../lib/api-client';
import type { AuthorizationUrl, CatalogueEntry } from '../lib/api-types';
import { useResource } from '../lib/resource-store';

/** The platforms this server can connect, and whether each is configured. */
export function useIntegrationCatalogue(enabled = true) {
  const resource = useResource<CatalogueEntry[]>(enabled ? '/integrations' : null);
  return { ...resource, catalogue: resource.data };
}

/** Asks for the platform's authorization URL and sends the browser there. Resolves only if it fails. */
export async function startConnection(provider: string, refreshIntegrationId?: string): Promise<void> {
  const query = refreshIntegrationId ? `?refresh=${encodeURIComponent(refreshIntegrationId)}` : '';
  const { url } = await apiRequest<AuthorizationUrl>(`/integrations/social/${encodeURIComponent(provider)}${query}`);
  window.location.assign(url);
}
