// Uploads in parts (docs/api-additions.md, chunked uploads and direct uploads to S3): what the API answers and the
// dashboard (and any client) reads.

/** The types an upload in parts may declare; the file's own bytes decide at completion. */
export const UPLOAD_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'];

/** POST /media/uploads and GET /media/uploads/:id. */
export interface UploadStatus {
  uploadId: string;
  /** `chunked`: PUT the parts to the API; `direct`: to the bucket, by URLs from POST /media/uploads/:id/parts. */
  mode: 'chunked' | 'direct';
  name: string;
  size: number;
  chunkSize: number;
  chunks: number;
  received: number[];
  missing: number[];
}

/** POST /media/uploads/:id/parts: pre-signed UploadPart URLs (direct uploads). */
export interface PartUrls {
  uploadId: string;
  /** When the URLs stop working: ask again for the parts not sent by then. */
  expiresAt: string;
  parts: Array<{ index: number; size: number; url: string }>;
}
