import { randomUUID } from 'node:crypto';
import type { MediaRepository, PlanningRepository, PostsRepository } from '@herald/database';
import type { PostJobScheduler } from '@herald/queue';
import type { ImportDryRun, ImportResult, ImportRowReport } from '@herald/shared';
import { AppError } from '../../common/app-error';
import type { Logger } from '../../common/logger';
import { planGroup } from '../../posts/group-plan';
import { useAcceptedImageTypes } from '../../posts/platform-images';
import { type DownloadMediaOptions, downloadMedia, MediaDownloadError } from '../../posts/media/download-media';
import type { LocalMediaStorage } from '../../posts/media/local-media-storage';
import type { MediaLibrary } from '../../posts/media/media-library.use-case';
import { requireOwnMedia } from '../../posts/own-media';
import { applyPublishJobs } from '../../posts/post-jobs';
import { requireMediaSizesFit, validatePostRequest, type ValidPostRequest } from '../../posts/post-request.validator';
import { bodyOfRow, excerptOf, type ImportMedia, type ReadRow, readRow } from './import-row';
import type { ImportCsvRow } from './read-import-csv';

export interface ImportPostsDeps {
  planning: Pick<PlanningRepository, 'postChannels'>;
  posts: Pick<PostsRepository, 'createGroups'>;
  media: Pick<MediaRepository, 'findByFileKeys' | 'findByIds'>;
  library: Pick<MediaLibrary, 'add' | 'remove'>;
  storage: LocalMediaStorage;
  download: DownloadMediaOptions;
  scheduler: PostJobScheduler;
  logger?: Logger;
  now: () => Date;
}

/** Files brought in at once. */
const DOWNLOADS_AT_ONCE = 4;

interface CheckedRow {
  read: ReadRow;
  errors: string[];
  request?: ValidPostRequest;
}

function report(row: CheckedRow): ImportRowReport {
  const { read } = row;
  return {
    line: read.line,
    ok: row.errors.length === 0,
    errors: row.errors,
    ...(read.date ? { date: read.date.toISOString() } : {}),
    channels: read.channels.map((c) => c.name),
    content: excerptOf(read.content),
    media: read.media.length,
    type: read.type,
  };
}

function invalidImport(rows: readonly CheckedRow[]): AppError {
  const failing = rows.filter((r) => r.errors.length > 0);
  return AppError.validation(
    `${failing.length} row${failing.length === 1 ? '' : 's'} cannot be imported; nothing was created. Fix ${failing.length === 1 ? 'it' : 'them'} and import the file again.`,
    failing.flatMap((r) => r.errors.map((message) => ({ field: `line ${r.read.line}`, code: 'row_invalid', message }))),
  );
}

/**
 * CSV import (docs/planning.md): every row is read and checked like a post from the composer (channels, date,
 * platform rules), all or nothing. A dry run reports each row; a real run brings in the media given by URL
 * (through the address-checked download, into the organization's library) and writes every post in one
 * transaction, or nothing at all.
 */
export class ImportPosts {
  constructor(private readonly deps: ImportPostsDeps) {}

  async dryRun(organizationId: string, zone: string, rows: readonly ImportCsvRow[]): Promise<ImportDryRun> {
    return { rows: (await this.check(organizationId, zone, rows)).map(report) };
  }

  async run(organizationId: string, zone: string, rows: readonly ImportCsvRow[]): Promise<ImportResult> {
    const checked = await this.check(organizationId, zone, rows);
    if (checked.some((r) => r.errors.length > 0)) throw invalidImport(checked);
    const fetched = await this.fetchMedia(organizationId, checked);
    try {
      const groups: { group: string; plan: ReturnType<typeof planGroup> }[] = [];
      const now = this.deps.now();
      for (const row of checked) {
        const request = row.request as ValidPostRequest;
        for (const entry of request.body.posts) {
          for (const image of entry.value[0]?.image ?? []) image.path = fetched.get(image.path) ?? image.path;
        }
        // Every URL was brought into the library above; what a post keeps is only ever the library's own file.
        requireMediaSizesFit(request, await requireOwnMedia(request.body, organizationId, this.deps.media, this.deps.storage));
        await useAcceptedImageTypes(request, organizationId, this.deps.storage);
        const group = randomUUID();
        groups.push({ group, plan: planGroup(request, { group, existing: [], now }) });
      }
      await this.deps.posts.createGroups(
        organizationId,
        groups.map(({ group, plan }) => ({ group, rows: plan.writes.map((w) => w.row) })),
        { creationMethod: 'WEB' },
      );
      for (const { plan } of groups) await applyPublishJobs(this.deps.scheduler, this.deps.logger, organizationId, plan);
      return { created: groups.reduce((n, g) => n + g.plan.result.length, 0), groups: groups.map((g) => g.group) };
    } catch (error) {
      await this.forget(organizationId, fetched);
      throw error;
    }
  }

  private async check(organizationId: string, zone: string, rows: readonly ImportCsvRow[]): Promise<CheckedRow[]> {
    if (rows.length === 0) throw AppError.badRequest('invalid_csv', 'The file has no rows under its header.');
    const channels = await this.deps.planning.postChannels(organizationId);
    const context = { channels, zone, now: this.deps.now(), keyOfUrl: (url: string) => this.deps.storage.keyOfUrl(url), allowHttp: this.deps.download.allowPrivate };
    const read = rows.map((row) => readRow(row, context));
    const keys = [...new Set(read.flatMap((r) => r.media.flatMap((m) => (m.kind === 'upload' ? [m.key] : []))))];
    const owned = new Set((await this.deps.media.findByFileKeys(organizationId, keys)).map((m) => m.fileKey));
    const finder = { findChannels: (_org: string, ids: readonly string[]) => Promise.resolve(channels.filter((c) => ids.includes(c.id))) };
    const checked: CheckedRow[] = [];
    for (const row of read) {
      const errors = [...row.errors];
      for (const m of row.media) if (m.kind === 'upload' && !owned.has(m.key)) errors.push('media: this uploaded file is not in the organization’s library');
      if (errors.length > 0) {
        checked.push({ read: row, errors });
        continue;
      }
      try {
        const request = await validatePostRequest(bodyOfRow(row, (m) => this.pathOf(m)), organizationId, finder, { creationMethod: 'WEB' });
        checked.push({ read: row, errors, request });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const names = new Map(row.channels.map((c) => [c.id, c.name]));
        const messages = (error.details ?? [{ message: error.message }]).map((d) => (d.channel && names.has(d.channel) ? `${names.get(d.channel)}: ${d.message}` : d.message));
        checked.push({ read: row, errors: messages });
      }
    }
    return checked;
  }

  private pathOf(media: ImportMedia): string {
    return media.kind === 'upload' ? this.deps.storage.urlOf(media.key) : media.url;
  }

  /** Each distinct URL, a few at a time, into the library: URL → its new path. One failure undoes them all. */
  private async fetchMedia(organizationId: string, rows: readonly CheckedRow[]): Promise<Map<string, string>> {
    const urls = [...new Set(rows.flatMap((r) => r.read.media.flatMap((m) => (m.kind === 'url' ? [m.url] : []))))];
    const fetched = new Map<string, string>();
    const failed = new Map<string, string>();
    const queue = [...urls];
    const worker = async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        try {
          const { staged, name } = await downloadMedia(url, this.deps.storage, this.deps.download);
          fetched.set(url, (await this.deps.library.add(organizationId, staged, name)).path);
        } catch (error) {
          if (!(error instanceof MediaDownloadError)) throw error;
          failed.set(url, error.message);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(DOWNLOADS_AT_ONCE, urls.length) }, worker));
    } catch (error) {
      await this.forget(organizationId, fetched);
      throw error;
    }
    if (failed.size === 0) return fetched;
    await this.forget(organizationId, fetched);
    for (const row of rows) {
      for (const m of row.read.media) if (m.kind === 'url' && failed.has(m.url)) row.errors.push(`media: ${m.url.slice(0, 80)}: ${failed.get(m.url) ?? 'could not be fetched'}`);
    }
    throw invalidImport(rows);
  }

  /** Media brought in for an import that wrote nothing leave the library again. */
  private async forget(organizationId: string, fetched: ReadonlyMap<string, string>): Promise<void> {
    for (const path of fetched.values()) {
      const key = this.deps.storage.keyOfUrl(path);
      const [row] = key ? await this.deps.media.findByFileKeys(organizationId, [key]) : [];
      if (row) await this.deps.library.remove(organizationId, row.id).catch((err: unknown) => this.deps.logger?.warn({ err, path }, 'could not remove a file of a failed import'));
    }
  }
}
