import type { Post, PostChannel, PostsRepository } from '@herald/database';
import { parsePostDate, type PublicPostListResponse, toPublicPostState } from '@herald/shared';
import { AppError } from '../common/app-error';
import { isUuid } from '../posts/ids';
import type { PostCommands } from '../posts/post-commands.use-case';
import type { GroupChannelView, PostGroupView, PostQueries } from '../posts/post-queries.use-case';
import type { PostRequestOptions } from '../posts/post-request.validator';
import type { SchedulePost } from '../posts/schedule-post.use-case';
import { toPostizLocal } from './find-slot';
import { toPostizCreateError, toPostizEditError, validationMessages } from './post-errors';
import { PublicApiError } from './public-api-error';
import { type PublicPostView, toPublicPostView } from './public-post.view';

export interface PublicPostsDeps {
  schedule: SchedulePost;
  commands: PostCommands;
  queries: PostQueries;
  posts: PostsRepository;
  now: () => Date;
}

export interface PostEdit {
  content?: unknown;
  image?: unknown;
  date?: unknown;
}

// Rows made through the public API are stored as made by it (the CLI says so itself, §3.2.1 creationMethod).
const LENIENT: PostRequestOptions = { lenientType: true, creationMethod: 'API' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A group rewritten from its current rows (so it can be sent back through the same use case), with changes. */
function bodyOf(view: PostGroupView, type: string, date: Date, change: (entry: GroupChannelView) => Record<string, unknown> = () => ({})): Record<string, unknown> {
  return {
    type,
    date: date.toISOString(),
    // A recurring post stays recurring through the public API's edits.
    ...(view.inter ? { inter: view.inter } : {}),
    posts: view.posts.map((entry) => ({
      integration: { id: entry.integration.id },
      settings: isRecord(entry.settings) ? entry.settings : {},
      value: entry.value.map((v) => ({ id: v.id, content: v.content, image: v.image, delay: v.delay })),
      ...change(entry),
    })),
  };
}

/**
 * The public API's door onto the posts use cases (SchedulePost, PostCommands, PostQueries): Postiz's shapes and
 * error families on the outside, Herald's rules inside. As in Postiz, each channel of a create gets its own
 * group, so deleting one channel's post leaves the others.
 */
export class PublicPosts {
  constructor(private readonly deps: PublicPostsDeps) {}

  async create(organizationId: string, body: unknown): Promise<{ postId: string; integration: string }[]> {
    const entries = isRecord(body) ? body['posts'] : undefined;
    if (entries === undefined || entries === null) throw PublicApiError.nest(400, 'All posts must have an integration id');
    if (!Array.isArray(entries)) throw PublicApiError.validation(['posts must be an array']);
    const ids = entries.map((entry: unknown) => (isRecord(entry) && isRecord(entry['integration']) ? nonEmptyString(entry['integration']['id']) : undefined));
    if (ids.some((id) => id === undefined)) throw PublicApiError.nest(400, 'All posts must have an integration id');
    const wanted = ids.filter((id): id is string => id !== undefined);
    const found = await this.deps.posts.findChannels(organizationId, [...new Set(wanted.filter(isUuid))]);
    const channels = new Map<string, PostChannel>(found.filter((c) => !c.deletedAt).map((c) => [c.id, c]));
    const missing = wanted.find((id) => !channels.has(id));
    if (missing !== undefined) throw PublicApiError.nest(400, `Integration with id ${missing} not found`);

    // Everything is checked before anything is written; then each channel is written as its own group.
    try {
      await this.deps.schedule.check(organizationId, body, LENIENT);
    } catch (error) {
      throw toPostizCreateError(error, channels);
    }
    const results: { postId: string; integration: string }[] = [];
    const options: PostRequestOptions = { ...LENIENT, creationMethod: isRecord(body) && body['creationMethod'] === 'CLI' ? 'CLI' : 'API' };
    for (const entry of entries as Record<string, unknown>[]) {
      const single = { ...(body as Record<string, unknown>), posts: [entry] };
      const group = await this.groupToReplace(organizationId, entry);
      try {
        const [created] = group ? await this.deps.schedule.replaceGroup(organizationId, group, single, options) : await this.deps.schedule.create(organizationId, single, options);
        if (created) results.push({ postId: created.postId, integration: created.integration });
      } catch (error) {
        throw toPostizCreateError(error, channels);
      }
    }
    return results;
  }

  async list(organizationId: string, query: Record<string, unknown>): Promise<PublicPostListResponse> {
    try {
      const { posts } = await this.deps.queries.list(organizationId, query);
      return { posts: posts.map((p) => ({ ...p, state: toPublicPostState(p.state) })) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') throw PublicApiError.validation(validationMessages(error));
      throw error;
    }
  }

  /** GET /public/v1/posts/:id (Herald): the post, its thread on its channel, its state, error and release. */
  async get(organizationId: string, id: string): Promise<PublicPostView> {
    const post = await this.find(organizationId, id, 404);
    const view = await this.deps.queries.getGroup(organizationId, id);
    return toPublicPostView(post, view);
  }

  /** DELETE /posts/:id: the post's group (its thread on its channel). `{"error": true}` is Postiz's success body. */
  async delete(organizationId: string, id: string): Promise<{ error: true }> {
    const post = await this.find(organizationId, id, 404);
    await this.deps.commands.deleteGroup(organizationId, post.group);
    return { error: true };
  }

  async deleteGroup(organizationId: string, group: string): Promise<{ error: true }> {
    try {
      await this.deps.commands.deleteGroup(organizationId, group);
    } catch (error) {
      // Postiz answers the same whether or not the group existed.
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
    return { error: true };
  }

  async changeStatus(organizationId: string, id: string, status: unknown): Promise<{ id: string; state: 'DRAFT' | 'QUEUE' }> {
    if (status !== 'draft' && status !== 'schedule') throw PublicApiError.validation(['status must be one of the following values: draft, schedule']);
    const post = await this.find(organizationId, id, 400);
    if (['PUBLISHING', 'PUBLISHED', 'UNCONFIRMED'].includes(post.state)) {
      throw PublicApiError.nest(400, 'Only scheduled posts that were not published yet (or drafts) can be updated');
    }
    const view = await this.deps.queries.getGroup(organizationId, id);
    const rootDate = this.rootOf(view, post)?.publishDate ?? post.publishDate.toISOString();
    try {
      await this.deps.schedule.replaceGroup(organizationId, view.group, bodyOf(view, status, new Date(rootDate)));
    } catch (error) {
      throw toPostizEditError(error, this.channelName(view, post));
    }
    return { id, state: status === 'draft' ? 'DRAFT' : 'QUEUE' };
  }

  async updateSettings(organizationId: string, id: string, settings: unknown): Promise<{ postId: string; publishDate: string }> {
    if (settings === undefined || settings === null) throw PublicApiError.validation(['settings should not be null or undefined', 'settings must be an object']);
    if (!isRecord(settings)) throw PublicApiError.validation(['settings must be an object']);
    const { post, view } = await this.editable(organizationId, id);
    const body = bodyOf(view, 'update', post.publishDate, (entry) =>
      entry.integration.id === post.integrationId ? { settings: { ...(isRecord(entry.settings) ? entry.settings : {}), ...settings } } : {},
    );
    try {
      await this.deps.schedule.replaceGroup(organizationId, view.group, body);
    } catch (error) {
      throw toPostizEditError(error, this.channelName(view, post));
    }
    return { postId: post.id, publishDate: toPostizLocal(post.publishDate) };
  }

  /** PUT /public/v1/posts/:id (Herald): new content (and media) for the post, and/or a new date for its thread. */
  async edit(organizationId: string, id: string, edit: PostEdit): Promise<PublicPostView> {
    const problems: string[] = [];
    if (edit.content !== undefined && typeof edit.content !== 'string') problems.push('content must be a string');
    if (edit.image !== undefined && !Array.isArray(edit.image)) problems.push('image must be an array');
    const date = edit.date === undefined ? undefined : typeof edit.date === 'string' ? parsePostDate(edit.date) : undefined;
    if (edit.date !== undefined && !date) problems.push('date must be a valid ISO 8601 date string');
    if (edit.content === undefined && edit.image === undefined && edit.date === undefined) problems.push('Send content, image or date');
    if (problems.length > 0) throw PublicApiError.validation(problems);

    const { post, view } = await this.editable(organizationId, id);
    try {
      if (edit.content !== undefined || edit.image !== undefined) {
        const body = bodyOf(view, 'update', post.publishDate, (entry) =>
          entry.integration.id === post.integrationId
            ? {
                value: entry.value.map((v, index) =>
                  index === 0
                    ? { id: v.id, content: edit.content ?? v.content, image: edit.image ?? v.image, delay: v.delay }
                    : { id: v.id, content: v.content, image: v.image, delay: v.delay },
                ),
              }
            : {},
        );
        await this.deps.schedule.replaceGroup(organizationId, view.group, body);
      }
      if (date) await this.deps.commands.move(organizationId, post.id, date.toISOString());
    } catch (error) {
      throw toPostizEditError(error, this.channelName(view, post));
    }
    return this.get(organizationId, id);
  }

  /** Postiz releases ids it could not read as `"missing"`; Herald never does, so there is never one to connect. */
  async connectReleaseId(organizationId: string, id: string): Promise<never> {
    await this.find(organizationId, id, 404);
    throw PublicApiError.nest(400, 'Only a post published without a release id can be connected, and this post is not one');
  }

  /** A post whose release id is missing says so, as Postiz does; otherwise `[]` here, the figures coming from AnalyticsQueries. */
  async analytics(organizationId: string, id: string): Promise<[] | { missing: true }> {
    const post = isUuid(id) ? await this.deps.posts.findById(organizationId, id) : null;
    return post?.releaseId === 'missing' ? { missing: true } : [];
  }

  private async editable(organizationId: string, id: string): Promise<{ post: Post; view: PostGroupView }> {
    const post = await this.find(organizationId, id, 404);
    if (post.parentPostId !== null) throw PublicApiError.nest(400, 'This id belongs to a comment, pass the id of the main post');
    if (post.state !== 'QUEUE' && post.state !== 'DRAFT') throw PublicApiError.nest(400, 'Only scheduled posts that were not published yet (or drafts) can be updated');
    if (post.state === 'QUEUE' && post.publishDate.getTime() <= this.deps.now().getTime()) {
      throw PublicApiError.nest(400, 'The publish time of this post already passed, it cannot be updated');
    }
    return { post, view: await this.deps.queries.getGroup(organizationId, id) };
  }

  private async find(organizationId: string, id: string, status: 400 | 404): Promise<Post> {
    const post = isUuid(id) ? await this.deps.posts.findById(organizationId, id) : null;
    if (!post) throw PublicApiError.nest(status, 'Post not found');
    return post;
  }

  /** A group may be replaced only when it holds this channel alone: Herald's dashboard groups span channels. */
  private async groupToReplace(organizationId: string, entry: Record<string, unknown>): Promise<string | undefined> {
    const channelId = isRecord(entry['integration']) ? entry['integration']['id'] : undefined;
    let group = nonEmptyString(entry['group']);
    if (!group) {
      const first: unknown = Array.isArray(entry['value']) ? entry['value'][0] : undefined;
      const id = isRecord(first) ? nonEmptyString(first['id']) : undefined;
      const post = id && isUuid(id) ? await this.deps.posts.findById(organizationId, id) : null;
      group = post && post.integrationId === channelId ? post.group : undefined;
    }
    if (!group) return undefined;
    const rows = await this.deps.posts.findGroup(organizationId, group);
    return rows.length > 0 && rows.every((r) => r.integrationId === channelId) ? group : undefined;
  }

  private rootOf(view: PostGroupView, post: Post) {
    return view.posts.find((e) => e.integration.id === post.integrationId)?.value[0];
  }

  private channelName(view: PostGroupView, post: Post): string {
    return view.posts.find((e) => e.integration.id === post.integrationId)?.integration.name ?? 'The channel';
  }
}
