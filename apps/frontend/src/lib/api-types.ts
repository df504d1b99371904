// The dashboard's view of the HTTP contract (docs/http-api.md). Platform data and shared shapes come from
// @herald/shared; the response shapes that only the dashboard API has are described here.
import type { ChannelOverview, PlatformCatalogueItem, PostFigures } from '@herald/shared';

export type { ErrorCode, ErrorDetail, PlatformIdentifier } from '@herald/shared';

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
  /** Alert emails about the current organization (missing from servers older than email). */
  emailNotifications?: EmailNotifications;
  /** Whether the server sends email at all (EMAIL_SMTP_URL). */
  emailConfigured?: boolean;
}

export interface EmailNotifications {
  failures: boolean;
  channels: boolean;
}

export type TeamRole = 'OWNER' | 'ADMIN' | 'MEMBER';

/** One entry of `GET /organization/members`. */
export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: TeamRole;
  joinedAt: string;
}

/** One entry of `GET /organization/invitations`: a pending invitation. */
export interface Invitation {
  id: string;
  email: string;
  role: TeamRole;
  expiresAt: string;
  createdAt: string;
  invitedBy: { email: string; name: string | null } | null;
}

/** `POST /organization/invitations`: `link` when it was not emailed, for the inviter to pass on. */
export interface CreatedInvitation extends Invitation {
  emailed: boolean;
  link?: string;
}

/** `GET /auth/invitations/:token`. */
export interface InvitationPreview {
  organization: { name: string };
  email: string;
  role: TeamRole;
  expiresAt: string;
}

export interface AuthResponse {
  user: { id: string; email: string };
  organization: { id: string; name: string };
}

/** One entry of `GET /integrations`. */
/** The API adds what a person needs to configure the platform (computed from the server's own URLs). */
export type CatalogueEntry = PlatformCatalogueItem & {
  redirectUri?: string;
  requiredEnv?: string[];
  callbacks?: { deauthorize: string; dataDeletion: string };
};

export interface Channel {
  id: string;
  name: string;
  identifier: string;
  picture: string | null;
  username: string | null;
  disabled: boolean;
  refreshNeeded: boolean;
  inBetweenSteps: boolean;
  /** X only: the account's subscription allows long posts (25,000 rather than 280). */
  premium?: boolean;
  type: 'social';
  /** The customer (client) the channel belongs to; missing from servers older than customers. */
  customer?: CustomerRef | null;
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

/** A customer as a channel names it. */
export interface CustomerRef {
  id: string;
  name: string;
}

/** One entry of `GET /customers`: a group of channels (an agency's client). */
export interface Customer extends CustomerRef {
  /** Live channels under this customer. */
  channels: number;
}

/** One entry of `GET /tags`: a label for posts. */
export interface Tag {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
  createdAt: string;
}

/** GET /analytics/channels/:id and GET /analytics/posts/:id (docs/api-additions.md#analytics): the shapes core builds. */
export type { MetricSeries } from '@herald/shared';
export type ChannelAnalytics = ChannelOverview;
export type PostFiguresView = PostFigures;
