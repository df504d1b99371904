import type { Post, PostState } from '@herald/database';
import { parsePostDate } from '@herald/shared';
import { AppError } from '../common/app-error';
import { CANCELLABLE, MAYBE_PUBLISHED } from './group-plan';
import { isUuid } from './ids';
import { applyPublishJobs } from './post-jobs';
import { type PostUseCaseDeps, staleToConflict } from './schedule-post.use-case';

export interface RetryOptions {
  /** Publish again a post that is already published. */
  republish?: boolean;
  /** For an UNCONFIRMED post: the person checked the platform and the post is not there. */
  notPublished?: boolean;
}

export interface PostStateView {
  id: string;
  state: PostState;
  publishDate: string;
}

/** The rows of a thread from `from` on, following the parent links (a thread is linear). */
function threadFrom(thread: readonly Post[], from: Post): Post[] {
  const byParent = new Map(thread.filter((p) => p.parentPostId).map((p) => [p.parentPostId, p]));
  const rows: Post[] = [];
  for (let at: Post | undefined = from; at && rows.length <= thread.length; at = byParent.get(at.id)) rows.push(at);
  return rows;
}

function rootOf(thread: readonly Post[], post: Post): Post {
  return thread.find((p) => p.parentPostId === null) ?? post;
}

function publishedConflict(): AppError {
  return AppError.conflict('post_already_published', 'This post was already published (or may have been). Pass republish: true to publish it again on purpose.');
}

/** Move, delete and retry: each one conditional on the state it saw, each followed by the matching job change. */
export class PostCommands {
  constructor(private readonly deps: PostUseCaseDeps) {}

  /** PUT /posts/:id/date: moves the post's thread on its channel (a reply's id moves its whole thread). */
  async move(organizationId: string, id: string, rawDate: unknown): Promise<PostStateView> {
    const date = typeof rawDate === 'string' ? parsePostDate(rawDate) : undefined;
    if (!date) throw AppError.validation('The date is invalid.', [{ field: 'date', code: 'isPostDate', message: 'date must be a valid ISO 8601 date string' }]);
    const post = await this.find(organizationId, id);
    const thread = await this.deps.posts.findThread(organizationId, post.group, post.integrationId);
    const root = rootOf(thread, post);
    if (thread.some((p) => p.state === 'PUBLISHING')) throw AppError.conflict('conflict', 'This post is being published right now; it cannot be moved.');
    if (MAYBE_PUBLISHED.includes(root.state)) throw publishedConflict();
    try {
      await this.deps.posts.moveThread(organizationId, thread.map((p) => ({ id: p.id, expectedState: p.state })), date);
    } catch (error) {
      throw staleToConflict(error);
    }
    if (root.state === 'QUEUE') await applyPublishJobs(this.deps.scheduler, this.deps.logger, organizationId, { schedule: [{ postId: root.id, runAt: date }] });
    return { id: root.id, state: root.state, publishDate: date.toISOString() };
  }

  /** DELETE /posts/:group: a soft delete of every row; rows not published become CANCELLED, and the jobs go. */
  async deleteGroup(organizationId: string, group: string): Promise<{ group: string; deleted: number }> {
    const ids = await this.deps.posts.softDeleteGroup(organizationId, group, CANCELLABLE, this.deps.now());
    if (ids.length === 0) throw AppError.notFound('Post group');
    await applyPublishJobs(this.deps.scheduler, this.deps.logger, organizationId, { cancel: ids });
    return { group, deleted: ids.length };
  }

  /** Deletes the group a post belongs to (the public API deletes by post id). */
  async deletePostGroup(organizationId: string, id: string): Promise<{ group: string; deleted: number }> {
    const post = await this.find(organizationId, id);
    return this.deleteGroup(organizationId, post.group);
  }

  /**
   * POST /posts/:id/retry: a post in ERROR goes back to QUEUE and runs now (or at its date, if still ahead).
   * UNCONFIRMED needs the person to say it is not on the platform; PUBLISHED needs an explicit republish, which
   * also re-runs the replies or comments after it.
   */
  async retry(organizationId: string, id: string, options: RetryOptions = {}): Promise<PostStateView> {
    const post = await this.find(organizationId, id);
    const thread = await this.deps.posts.findThread(organizationId, post.group, post.integrationId);
    let rows: Post[];
    switch (post.state) {
      case 'ERROR':
        rows = [post];
        break;
      case 'UNCONFIRMED':
        if (!options.notPublished && !options.republish) {
          throw AppError.conflict('conflict', 'It is not known whether this post went out. Check the platform, then retry with notPublished: true if it is not there.');
        }
        rows = [post];
        break;
      case 'PUBLISHED':
        if (!options.republish) throw publishedConflict();
        rows = threadFrom(thread, post).filter((p) => ['PUBLISHED', 'ERROR', 'UNCONFIRMED'].includes(p.state));
        break;
      case 'DRAFT':
      case 'QUEUE':
      case 'PUBLISHING':
      case 'CANCELLED':
        throw AppError.conflict('conflict', `Only a failed post can be retried; this one is ${post.state}.`);
    }
    if (thread.some((p) => p.state === 'PUBLISHING')) throw AppError.conflict('conflict', 'This thread is being published right now; try again in a minute.');
    const now = this.deps.now();
    const isRoot = post.parentPostId === null;
    const publishDate = isRoot && post.publishDate < now ? now : undefined;
    try {
      await this.deps.posts.requeue(organizationId, rows.map((p) => ({ id: p.id, expectedState: p.state })), { clearRelease: post.state !== 'ERROR', ...(publishDate ? { publishDate } : {}) });
    } catch (error) {
      throw staleToConflict(error);
    }
    // A reply or comment is retried after its parent went out, so it is due now.
    const runAt = isRoot ? (publishDate ?? post.publishDate) : now;
    await applyPublishJobs(this.deps.scheduler, this.deps.logger, organizationId, { schedule: [{ postId: post.id, runAt }] });
    return { id: post.id, state: 'QUEUE', publishDate: (publishDate ?? post.publishDate).toISOString() };
  }

  private async find(organizationId: string, id: string): Promise<Post> {
    const post = isUuid(id) ? await this.deps.posts.findById(organizationId, id) : null;
    if (!post) throw AppError.notFound('Post');
    return post;
  }
}
