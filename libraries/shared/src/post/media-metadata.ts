/**
 * What the library reads of a file at upload (sharp for images, ffprobe for videos): `null` when unknown (older
 * files, ffprobe missing) or not applicable (an image has no duration). The API's media, the database's rows and
 * the dashboard's types all carry these fields.
 */
export interface MediaMetadata {
  /** Pixels as shown (EXIF rotation applied). */
  width: number | null;
  height: number | null;
  /** Videos only. */
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
}
