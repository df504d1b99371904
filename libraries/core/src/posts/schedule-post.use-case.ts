import { randomUUID } from 'node:crypto';
import { type PostsRepository, StalePostError } from '@herald/database';
import type { PostJobScheduler } from '@herald/queue';
import type { CreatePostResultItem } from '@herald/shared';
import { AppError } from '../common/app-error';
import type { Logger } from '../common/logger';
import { planGroup } from './group-plan';
import { useAcceptedImageTypes } from './platform-images';
import type { LocalMediaStorage } from './media/local-media-storage';
import { type OwnMediaLookup, requireOwnMedia } from './own-media';
import { applyPublishJobs } from './post-jobs';
import { type PostRequestOptions, requireMediaSizesFit, validatePostRequest } from './post-request.validator';

export interface PostUseCaseDeps {
  posts: PostsRepository;
  scheduler: PostJobScheduler;
  storage: LocalMediaStorage;
  /** The organization's media library: a post carries only its files. */
  media: OwnMediaLookup;
  now: () => Date;
  logger?: Logger;
}

export function staleToConflict(error: unknown): unknown {
  return error instanceof StalePostError
    ? AppError.conflict('conflict', 'This post changed while it was being saved (it may be publishing right now). Reload it and try again.')
    : error;
}

/**
 * Creates a group or replaces one: validate everything, write every row in one transaction, then queue one
 * delayed job per queued root post. Nothing is written when any check fails.
 */
export class SchedulePost {
  constructor(private readonly deps: PostUseCaseDeps) {}

  create(organizationId: string, body: unknown, options: PostRequestOptions = {}): Promise<CreatePostResultItem[]> {
    return this.save(organizationId, randomUUID(), body, options, false);
  }

  /** Every check of a save (the body, the channels, the platforms' rules, the media's ownership), writing nothing. */
  async check(organizationId: string, body: unknown, options: PostRequestOptions = {}): Promise<void> {
    const request = await validatePostRequest(body, organizationId, this.deps.posts, options);
    requireMediaSizesFit(request, await requireOwnMedia(request.body, organizationId, this.deps.media, this.deps.storage));
  }

  /** PUT /posts/:group: the body is the whole new version of the group. */
  replaceGroup(organizationId: string, group: string, body: unknown, options: PostRequestOptions = {}): Promise<CreatePostResultItem[]> {
    return this.save(organizationId, group, body, options, true);
  }

  private async save(organizationId: string, group: string, body: unknown, options: PostRequestOptions, replace: boolean): Promise<CreatePostResultItem[]> {
    const { posts, storage, now } = this.deps;
    const existing = replace ? await posts.findGroup(organizationId, group) : [];
    if (replace && existing.length === 0) throw AppError.notFound('Post group');
    const request = await validatePostRequest(body, organizationId, posts, options);
    requireMediaSizesFit(request, await requireOwnMedia(request.body, organizationId, this.deps.media, storage));
    await useAcceptedImageTypes(request, organizationId, storage);
    const at = now();
    const plan = planGroup(request, { group, existing, now: at });
    // Tags are chosen by name from the organization's own (docs/public-api.md §3.2.1): an unknown label is ignored, and a
    // body without `tags` keeps the ones the posts have.
    const tags = request.body.tags;
    const tagIds = tags === undefined ? undefined : await posts.findTagIds(organizationId, [...new Set(tags.map((t) => t.label).filter((l): l is string => typeof l === 'string'))]);
    try {
      await posts.writeGroup(organizationId, group, plan.writes, plan.removals, at, { creationMethod: options.creationMethod ?? 'WEB', ...(tagIds ? { tagIds } : {}) });
    } catch (error) {
      throw staleToConflict(error);
    }
    // After the commit, never inside the transaction: a job must not fire for rows that could still roll back.
    await applyPublishJobs(this.deps.scheduler, this.deps.logger, organizationId, plan);
    return plan.result;
  }
}
