// The post objects of GET /posts and GET /public/v1/posts (docs/public-api.md §3.1).

/** Herald's states (the database enum). */
export const POST_STATES = ['DRAFT', 'QUEUE', 'PUBLISHING', 'PUBLISHED', 'ERROR', 'UNCONFIRMED', 'CANCELLED'] as const;
export type PostState = (typeof POST_STATES)[number];

/** The four states Postiz clients know. */
export type PublicPostState = 'QUEUE' | 'PUBLISHED' | 'ERROR' | 'DRAFT';

/**
 * Folds Herald's extra states into the public four: a post being published or awaiting confirmation is still on
 * its way (it ends up PUBLISHED or back in QUEUE), and a cancelled one will not be published.
 */
export function toPublicPostState(state: PostState): PublicPostState {
  switch (state) {
    case 'DRAFT':
    case 'QUEUE':
    case 'PUBLISHED':
    case 'ERROR':
      return state;
    case 'PUBLISHING':
    case 'UNCONFIRMED':
      return 'QUEUE';
    case 'CANCELLED':
      return 'ERROR';
  }
}

export const CREATION_METHODS = ['UNKNOWN', 'WEB', 'MCP', 'API', 'AUTOPOST', 'CLI'] as const;
export type CreationMethod = (typeof CREATION_METHODS)[number];

export interface PostTag {
  id: string;
  name: string;
  color: string;
  orgId: string;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PostListIntegration {
  id: string;
  /** A PlatformIdentifier; called `providerIdentifier` here but `identifier` in GET /integrations. */
  providerIdentifier: string;
  name: string;
  picture: string | null;
}

export interface PostListItem<S extends string = PostState> {
  id: string;
  /** Stored (sanitized HTML) content. */
  content: string;
  /** ISO 8601. */
  publishDate: string;
  /** May hold several comma-separated URLs. */
  releaseURL: string | null;
  /** `"missing"` means published without an id from the platform. */
  releaseId: string | null;
  state: S;
  intervalInDays: number | null;
  group: string;
  creationMethod: CreationMethod;
  /** The provider settings as a JSON-encoded string (including `__type`), not an object. */
  settings: string | null;
  tags: { tag: PostTag }[];
  integration: PostListIntegration;
  /** Only on expanded occurrences of a recurring post: the original publishDate. */
  actualDate?: string;
}

export type PublicPostListItem = PostListItem<PublicPostState>;

export interface PostListResponse<S extends string = PostState> {
  posts: PostListItem<S>[];
}

export type PublicPostListResponse = PostListResponse<PublicPostState>;
