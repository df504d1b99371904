import { X_LIMITS } from '@herald/shared';
import type { TwitterApi } from 'twitter-api-v2';
import { ProviderError } from '../contracts/provider-error';
import type { MediaContent, MediaRef } from '../contracts/provider.types';
import { classifyXError } from './x.errors';
import { mediaUploadSchema, type MediaUploadData } from './x.schemas';

/**
 * One APPEND segment (docs/platforms.md A.7): X takes at most 5 MB per segment and segment_index 0 to 999. 4 MiB
 * keeps a segment and its multipart framing under 5,000,000 bytes, and a 512 MB video (X's cap) to 128 segments:
 * each APPEND counts against the per-user media window (1,875 per 15 minutes in X's 2026 table, lower on older
 * plans), where 1 MB segments would spend 512 calls on one video. The file is read from Herald's storage one segment
 * at a time as it is sent: the worker never holds more than a segment or two.
 */
export const X_SEGMENT_BYTES = 4 * 1024 * 1024;
const MIN_POLL_MS = 1_000;
const MB = 1024 * 1024;

export interface XMediaUploaderOptions {
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** Give up waiting for X's video processing after this long. */
  processingTimeoutMs: number;
}

function category(mimeType: string): string {
  if (mimeType === 'image/gif') return 'tweet_gif';
  if (mimeType.startsWith('video/')) return 'tweet_video';
  return 'tweet_image';
}

/**
 * X's own cap for a file of this type (X_LIMITS: video 512 MB, GIF 15 MB, image 5 MB). Creation refuses a larger
 * one (x.rules.ts, from the library's sizes); one reaching the worker fails here, before anything is sent to X.
 */
export function checkXMediaSize(media: Pick<MediaRef, 'mimeType'>, size: number): void {
  const kind = category(media.mimeType);
  const [max, what] = kind === 'tweet_video' ? [X_LIMITS.maxVideoBytes, 'videos'] : kind === 'tweet_gif' ? [X_LIMITS.maxGifBytes, 'GIFs'] : [X_LIMITS.maxImageBytes, 'images'];
  if (size > max) {
    const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
    throw new ProviderError('bad_content', 'x', `This file is ${mb(size)}; X takes ${what} of at most ${mb(max)}. Use a smaller file and edit the post.`);
  }
}

/** The v2 dedicated chunked upload (docs/platforms.md A.7): initialize, append…, finalize, then STATUS until ready. */
export class XMediaUploader {
  constructor(private readonly options: XMediaUploaderOptions) {}

  /** Uploads an opened file (its size checked with checkXMediaSize first), streaming it segment by segment. */
  async upload(client: TwitterApi, media: MediaRef, content: MediaContent): Promise<string> {
    checkXMediaSize(media, content.size);
    const init = await this.call(() =>
      client.v2.post<unknown>('media/upload/initialize', {
        media_type: media.mimeType,
        total_bytes: content.size,
        media_category: category(media.mimeType),
      }),
    );
    const id = init.id;
    let segment = 0;
    for await (const chunk of readSegments(content)) {
      const index = segment++;
      await this.send(() =>
        client.v2.post<unknown>(`media/upload/${id}/append`, { media: chunk, segment_index: index }, { forceBodyMode: 'form-data' }),
      );
    }
    const finalized = await this.call(() => client.v2.post<unknown>(`media/upload/${id}/finalize`));
    await this.waitForProcessing(client, finalized);
    if (media.alt) await this.describe(client, id, media);
    return id;
  }

  /**
   * Alt text through POST /2/media/metadata `{id, metadata: {alt_text: {text}}}` (https://docs.x.com/x-api/media/create-media-metadata),
   * images and GIFs only; creation refuses it on a video (x.rules.ts), so one reaching here is an error, not dropped.
   */
  private async describe(client: TwitterApi, id: string, media: MediaRef): Promise<void> {
    if (category(media.mimeType) === 'tweet_video') throw new ProviderError('bad_content', 'x', 'X takes alt text on images and GIFs only');
    await this.send(() => client.v2.createMediaMetadata(id, { alt_text: { text: media.alt ?? '' } }));
  }

  private async waitForProcessing(client: TwitterApi, start: MediaUploadData): Promise<void> {
    const deadline = this.options.now().getTime() + this.options.processingTimeoutMs;
    let info = start.processing_info;
    while (info && info.state !== 'succeeded') {
      if (info.state === 'failed') {
        throw new ProviderError('bad_content', 'x', info.error?.message ?? 'X could not process the media', {
          platform: { code: info.error?.code, type: info.error?.name, message: info.error?.message },
        });
      }
      const delay = Math.max(MIN_POLL_MS, (info.check_after_secs ?? 1) * 1000);
      if (this.options.now().getTime() + delay > deadline) {
        throw new ProviderError('retry_later', 'x', 'X is still processing the media', {
          retryAt: new Date(this.options.now().getTime() + delay),
        });
      }
      await this.options.sleep(delay);
      const status = await this.call(() => client.v2.get<unknown>('media/upload', { command: 'STATUS', media_id: start.id }));
      info = status.processing_info;
    }
  }

  /** Uploads create nothing visible: a lost answer is retried, never "unknown outcome". */
  private async call(run: () => Promise<unknown>): Promise<MediaUploadData> {
    const body = await this.send(run);
    const parsed = mediaUploadSchema.safeParse(body);
    if (!parsed.success) throw new ProviderError('platform_error', 'x', 'Unexpected answer from the X media upload');
    return parsed.data.data;
  }

  private async send(run: () => Promise<unknown>): Promise<unknown> {
    try {
      return await run();
    } catch (error: unknown) {
      throw classifyXError(error, { sideEffect: false, now: this.options.now });
    }
  }
}

/** The file's segments from storage; a read failure (the file gone meanwhile) is bad content with the reader's words. */
async function* readSegments(content: MediaContent): AsyncGenerator<Buffer> {
  try {
    yield* content.chunks(X_SEGMENT_BYTES);
  } catch (error: unknown) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError('bad_content', 'x', error instanceof Error ? error.message : 'A media file of the post could not be read');
  }
}
