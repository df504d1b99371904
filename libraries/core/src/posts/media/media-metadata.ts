import { execFile } from 'node:child_process';
import type Sharp from 'sharp';
import type { MediaMetadata } from '@herald/shared';
import type { Logger } from '../../common/logger';

// What is known of a file's content, read at upload (`null` where it could not be read): `MediaMetadata`, one shape
// with the database's rows and the dashboard (libraries/shared/src/post/media-metadata.ts).
export type { MediaMetadata } from '@herald/shared';

export const UNKNOWN_METADATA: MediaMetadata = { width: null, height: null, durationMs: null, videoCodec: null, audioCodec: null };

let sharpModule: typeof Sharp | undefined;
async function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

export interface MetadataReaderOptions {
  /** The ffprobe program (Debian's ffmpeg package); `ffprobe` on the PATH by default. */
  ffprobe?: string;
  logger?: Pick<Logger, 'warn'>;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

/**
 * Reads dimensions (images, with sharp) or duration, dimensions and codecs (videos, with ffprobe). Never throws: an
 * unreadable file or a missing ffprobe gives unknown values (and a warning in the log), the upload still succeeds.
 */
export class MediaMetadataReader {
  private warnedMissing = false;

  constructor(private readonly options: MetadataReaderOptions = {}) {}

  async read(path: string, mime: string): Promise<MediaMetadata> {
    if (mime.startsWith('image/')) return this.image(path);
    if (mime.startsWith('video/')) return this.video(path);
    return UNKNOWN_METADATA;
  }

  private async image(path: string): Promise<MediaMetadata> {
    try {
      const sharp = await loadSharp();
      const meta = await sharp(path, { animated: false }).metadata();
      // EXIF orientations 5 to 8 turn the picture a quarter: what a viewer shows is the other way round.
      const turned = (meta.orientation ?? 1) >= 5;
      const width = positiveInt(turned ? meta.height : meta.width);
      const height = positiveInt(turned ? meta.width : meta.height);
      return { ...UNKNOWN_METADATA, width, height };
    } catch (err) {
      this.options.logger?.warn({ err }, 'could not read an uploaded image\'s dimensions');
      return UNKNOWN_METADATA;
    }
  }

  private video(path: string): Promise<MediaMetadata> {
    const program = this.options.ffprobe ?? 'ffprobe';
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
    return new Promise((resolve) => {
      execFile(program, args, { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
        if (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            if (!this.warnedMissing) this.options.logger?.warn({ program }, 'ffprobe is missing (install Debian\'s ffmpeg package): videos are stored without duration, size or codecs');
            this.warnedMissing = true;
          } else {
            this.options.logger?.warn({ err: error }, 'ffprobe could not read an uploaded video');
          }
          resolve(UNKNOWN_METADATA);
          return;
        }
        try {
          const probe = JSON.parse(stdout) as { streams?: FfprobeStream[]; format?: { duration?: string } };
          const streams = probe.streams ?? [];
          const video = streams.find((s) => s.codec_type === 'video');
          const audio = streams.find((s) => s.codec_type === 'audio');
          const rotation = Math.abs(Number(video?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video?.tags?.rotate ?? 0)) % 180;
          const turned = rotation === 90;
          const seconds = Number(probe.format?.duration ?? video?.duration);
          resolve({
            width: positiveInt(turned ? video?.height : video?.width),
            height: positiveInt(turned ? video?.width : video?.height),
            durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
            videoCodec: video?.codec_name ?? null,
            audioCodec: audio?.codec_name ?? null,
          });
        } catch (err) {
          this.options.logger?.warn({ err }, 'ffprobe answered something that is not JSON');
          resolve(UNKNOWN_METADATA);
        }
      });
    });
  }
}
