// The dashboard's view of /work/shared/api.md. Provider metadata moves to @herald/shared once it lands;
// response shapes stay here because they describe this HTTP API, not the shared domain.

export type ProviderIdentifier = 'x' | 'instagram' | 'instagram-standalone' | 'facebook';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface Organization {
  id: string;
  name: string;
  role: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  timezone: string | null;
  organizations: Organization[];
  currentOrganizationId: string;
}

export interface AuthResponse {
  user: { id: string; email: string };
  organization: { id: string; name: string };
}

export interface CatalogueEntry {
  identifier: string;
  name: string;
  configured: boolean;
  isBetweenSteps: boolean;
}

export interface Channel {
  id: string;
  name: string;
  identifier: string;
  picture: string | null;
  username: string | null;
  disabled: boolean;
  refreshNeeded: boolean;
  inBetweenSteps: boolean;
  type: 'social';
  /** Present only in demo mode. */
  sandbox?: boolean;
}

export interface ChannelList {
  integrations: Channel[];
}

export interface ConnectResult {
  id: string;
  name: string;
  identifier: string;
  picture: string | null;
  inBetweenSteps: boolean;
}

export interface AuthorizationUrl {
  url: string;
}

export interface ChannelPage {
  id: string;
  name: string;
  picture: string | null;
  username: string | null;
}

export interface ApiKeyInfo {
  prefix: string;
  createdAt: string;
}

export interface CreatedApiKey extends ApiKeyInfo {
  apiKey: string;
}
