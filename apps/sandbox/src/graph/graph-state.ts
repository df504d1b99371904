import { NumericIds } from '../core/ids';
import { type LedgerMedia } from '../core/ledger';

export type GraphHost = 'instagram' | 'facebook';
export type GraphTokenKind = 'ig-short' | 'ig-long' | 'fb-user-short' | 'fb-user-long' | 'fb-page';

export interface GraphToken {
  value: string;
  host: GraphHost;
  kind: GraphTokenKind;
  appId: string;
  personaId: string;
  /** Instagram account id (Instagram Login), Facebook user id, or Page id. */
  subjectId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number | null;
  revoked?: { subcode: number; message: string };
  /** For Page tokens: the user token they were obtained with. */
  parent?: string;
}

export interface AuthorizationCode {
  code: string;
  host: GraphHost;
  appId: string;
  redirectUri: string;
  personaId: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  used: boolean;
}

export interface PendingConsent {
  id: string;
  host: GraphHost;
  appId: string;
  redirectUri: string;
  state?: string;
  scopes: string[];
  createdAt: number;
}

/** What a person granted an app; a Facebook grant also lists the Pages they shared. */
export interface Grant {
  host: GraphHost;
  appId: string;
  personaId: string;
  scopes: string[];
  declined: string[];
  pageIds: string[];
}

export type ContainerKind = 'IMAGE' | 'CAROUSEL_ITEM_IMAGE' | 'CAROUSEL_ITEM_VIDEO' | 'REELS' | 'STORIES' | 'CAROUSEL';

export interface IgContainer {
  id: string;
  igUserId: string;
  appId: string;
  host: GraphHost;
  kind: ContainerKind;
  caption: string;
  mediaUrls: string[];
  media: LedgerMedia[];
  children: string[];
  isVideo: boolean;
  createdAt: number;
  readyAt: number;
  error?: string;
  publishedMediaId?: string;
  /** The creation request's parameters (token removed), for tests to assert what Instagram received. */
  params: Record<string, string>;
}

export interface IgMedia {
  id: string;
  igUserId: string;
  containerId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS' | 'STORY';
  caption: string;
  shortcode: string;
  permalink: string;
  createdAt: number;
  children: string[];
}

export interface FbPost {
  id: string;
  pageId: string;
  message: string;
  link?: string;
  photoIds: string[];
  createdAt: number;
  permalink: string;
  published: boolean;
}

export interface FbPhoto {
  id: string;
  pageId: string;
  postId?: string;
  published: boolean;
  url?: string;
  caption: string;
  createdAt: number;
  media: LedgerMedia;
}

export interface GraphComment {
  id: string;
  parentId: string;
  message: string;
  fromId: string;
  createdAt: number;
}

export class GraphState {
  readonly tokens = new Map<string, GraphToken>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly pending = new Map<string, PendingConsent>();
  readonly grants = new Map<string, Grant>();
  readonly containers = new Map<string, IgContainer>();
  readonly igMedia = new Map<string, IgMedia>();
  readonly fbPosts = new Map<string, FbPost>();
  readonly fbPhotos = new Map<string, FbPhoto>();
  readonly comments = new Map<string, GraphComment>();
  /** `${userToken}:${pageId}` → Page token; Meta hands out the same Page token for repeated calls. */
  readonly pageTokens = new Map<string, string>();
  /** Instagram publishes per account, for the rolling 24 h quota. */
  readonly publishes: Array<{ igUserId: string; at: number }> = [];
  readonly containerIds = new NumericIds(17_900_000_000_000_000n);
  readonly mediaIds = new NumericIds(17_950_000_000_000_000n);
  readonly postIds = new NumericIds(122_100_000_000_000_000n);
  readonly commentIds = new NumericIds(17_860_000_000_000_000n);

  static grantKey(host: GraphHost, appId: string, personaId: string): string {
    return `${host}:${appId}:${personaId}`;
  }
}
