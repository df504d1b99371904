import { randomUUID } from 'node:crypto';
import type { PostCopiesRepository } from '@herald/database';
import { type CreatePostResultItem, type MediaRef, parsePostDate } from '@herald/shared';
import { AppError } from '../common/app-error';
import { isUuid } from '../posts/ids';
import type { MediaStorage } from '../posts/media/media-storage';
import { type OwnMediaLookup, requireOwnImages } from '../posts/own-media';
import type { PostCommands } from '../posts/post-commands.use-case';
import type { SchedulePost } from '../posts/schedule-post.use-case';
import type { RepeatSeries } from './repeat-series';
import { copyThread, threadsOf } from './thread-copies';

export interface SeriesCommandsDeps {
  copies: PostCopiesRepository;
  repeat: RepeatSeries;
  schedule: Pick<SchedulePost, 'replaceGroup'>;
  commands: Pick<PostCommands, 'deleteGroup'>;
  /** A copy carries only files of the organization's library (rows written before that rule may not). */
  media: { lookup: OwnMediaLookup; storage: MediaStorage };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A row's `image` column as written by the posts code (its entries are edited in place). */
function imagesOf(image: unknown): MediaRef[] {
  return Array.isArray(image) ? image.filter(isRecord).map((entry) => entry as unknown as MediaRef) : [];
}

/**
 * Duplicates, and the "this one or the whole series" choices of recurring posts (docs/planning.md). The plain
 * routes act on the whole series from this occurrence on (PUT /posts/:group edits what later ones copy; DELETE
 * ends the series with it); these act on one occurrence, or on all of them.
 */
export class SeriesCommands {
  constructor(private readonly deps: SeriesCommandsDeps) {}

  /** A DRAFT copy of the group (every channel, thread, media, settings, tags and repeat), at `date` or its own. */
  async duplicate(organizationId: string, group: string, rawDate: unknown): Promise<{ group: string }> {
    const date = rawDate === undefined || rawDate === null ? undefined : typeof rawDate === 'string' ? parsePostDate(rawDate) : undefined;
    if ((rawDate !== undefined && rawDate !== null) && !date) {
      throw AppError.validation('The date is invalid.', [{ field: 'date', code: 'isPostDate', message: 'date must be a valid ISO 8601 date string' }]);
    }
    const rows = await this.rowsOf(organizationId, group);
    // The same check as a post from the composer; the rows' paths are rewritten in place to the files' own URLs.
    const lists = rows.map((row, i) => ({ channel: row.integrationId, field: `rows[${i}].image`, images: imagesOf(row.image) }));
    await requireOwnImages(lists, organizationId, this.deps.media.lookup, this.deps.media.storage);
    const threads = threadsOf(rows);
    const copy = randomUUID();
    await this.deps.copies.writeThreads(
      organizationId,
      threads.map((thread) =>
        copyThread(thread, {
          group: copy,
          state: 'DRAFT',
          publishDate: date ?? thread.root.publishDate,
          intervalInDays: thread.root.intervalInDays,
          creationMethod: 'WEB',
          previousOccurrenceId: null,
        }),
      ),
    );
    return { group: copy };
  }

  /**
   * Edits this occurrence only: the series goes on without the change (its next occurrence is planned from the
   * group as it was), and this one no longer repeats.
   */
  async editOccurrence(organizationId: string, group: string, body: unknown): Promise<CreatePostResultItem[]> {
    await this.splitOff(organizationId, group);
    return this.deps.schedule.replaceGroup(organizationId, group, isRecord(body) ? { ...body, inter: undefined } : body);
  }

  /** Deletes this occurrence only: the next one is planned first, so the series goes on. */
  async deleteOccurrence(organizationId: string, group: string): Promise<{ group: string; deleted: number; next?: string }> {
    const next = await this.splitOff(organizationId, group);
    return { ...(await this.deps.commands.deleteGroup(organizationId, group)), ...(next ? { next } : {}) };
  }

  /** Deletes every occurrence of the series, earlier and later ones (published posts stay on the platforms). */
  async deleteSeries(organizationId: string, group: string): Promise<{ groups: string[]; deleted: number }> {
    await this.rowsOf(organizationId, group);
    const groups = await this.deps.copies.seriesGroups(organizationId, group);
    let deleted = 0;
    const done: string[] = [];
    for (const each of groups) {
      try {
        deleted += (await this.deps.commands.deleteGroup(organizationId, each)).deleted;
        done.push(each);
      } catch (error) {
        // An occurrence deleted earlier on its own is already gone.
        if (!(error instanceof AppError && error.status === 404)) throw error;
      }
    }
    return { groups: done, deleted };
  }

  /** Plans the next occurrence of a recurring group now (it would be planned when this one is published). */
  private async splitOff(organizationId: string, group: string): Promise<string | undefined> {
    const rows = await this.rowsOf(organizationId, group);
    if (!rows.some((r) => r.parentPostId === null && r.intervalInDays !== null)) return undefined;
    return (await this.deps.repeat.planNext(organizationId, group)).group;
  }

  private async rowsOf(organizationId: string, group: string) {
    const rows = isUuid(group) ? await this.deps.copies.readGroup(organizationId, group) : [];
    if (rows.length === 0) throw AppError.notFound('Post group');
    return rows;
  }
}
