import type { Post, PostState } from '@herald/database';
import { type PublicPostState, toPublicPostState } from '@herald/shared';
import type { GroupValueView, PostGroupView } from '../posts/post-queries.use-case';

/** `GET /public/v1/posts/:id` (a Herald addition): one post with what happened to it. */
export interface PublicPostView {
  id: string;
  group: string;
  /** Herald's own state: DRAFT, QUEUE, PUBLISHING, PUBLISHED, ERROR, UNCONFIRMED or CANCELLED. */
  state: PostState;
  /** The state as GET /public/v1/posts shows it (QUEUE, PUBLISHED, ERROR or DRAFT). */
  publicState: PublicPostState;
  publishDate: string;
  content: string;
  image: unknown;
  /** Provider settings, as an object (GET /posts gives them as a JSON string, as Postiz does). */
  settings: unknown;
  /** Why the post failed, in a sentence; null unless it did. */
  error: string | null;
  releaseURL: string | null;
  releaseId: string | null;
  parentPostId: string | null;
  integration: { id: string; providerIdentifier: string; name: string; picture: string | null };
  /** The whole thread on this channel, the post itself first (replies or comments after). */
  thread: GroupValueView[];
}

export function toPublicPostView(post: Post, view: PostGroupView): PublicPostView {
  const entry = view.posts.find((e) => e.value.some((v) => v.id === post.id)) ?? view.posts.find((e) => e.integration.id === post.integrationId);
  return {
    id: post.id,
    group: post.group,
    state: post.state,
    publicState: toPublicPostState(post.state),
    publishDate: post.publishDate.toISOString(),
    content: post.content,
    image: post.image,
    settings: post.settings,
    error: post.error,
    releaseURL: post.releaseURL,
    releaseId: post.releaseId,
    parentPostId: post.parentPostId,
    integration: entry?.integration ?? { id: post.integrationId, providerIdentifier: '', name: '', picture: null },
    thread: entry?.value ?? [],
  };
}
