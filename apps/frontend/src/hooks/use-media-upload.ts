'use client';

import { useCallback, useEffect, useRef } from 'react';
import { apiRequest, apiUpload, apiUploadPart, putToSignedUrl } from '../lib/api-client';
import { ApiError, toApiError } from '../lib/api-error';
import type { UploadedMedia } from '../lib/post-types';
import { type PartUrls, UPLOAD_TYPES, type UploadStatus } from '@herald/shared';

export interface UploadCallbacks {
  onProgress: (fraction: number) => void;
  onDone: (media: UploadedMedia) => void;
  onFail: (message: string) => void;
}

/** Files past this size go up in parts (POST /media/uploads), which survive a dropped connection. */
export const CHUNKED_FROM_BYTES = 20 * 1024 * 1024;
/** Each part is tried this many times (network errors and 5xx only) before the upload fails. */
const PART_ATTEMPTS = 3;
/** Pre-signed part URLs asked at a time (they expire: a resume hours later asks again). */
const URL_BATCH = 10;

/** The unfinished chunked upload of a file: uploading the same File again resumes it (only missing parts go). */
const sessions = new WeakMap<File, string>();

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    });
  });

const retryable = (error: unknown) => error instanceof ApiError && (error.status === 0 || error.status >= 500);

async function uploadInParts(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedMedia> {
  let status: UploadStatus | undefined;
  const known = sessions.get(file);
  if (known) {
    try {
      status = await apiRequest<UploadStatus>(`/media/uploads/${known}`, { signal });
    } catch (error) {
      // Expired or finished elsewhere: start again.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  if (!status) {
    const type = UPLOAD_TYPES.includes(file.type) ? file.type : undefined;
    status = await apiRequest<UploadStatus>('/media/uploads', { method: 'POST', body: { name: file.name, size: file.size, ...(type ? { type } : {}) }, signal });
    sessions.set(file, status.uploadId);
  }
  if (status.mode === 'direct') return sendToBucket(file, status, onProgress, signal);
  const { uploadId, chunkSize } = status;
  const sizeOf = (index: number) => Math.min(chunkSize, file.size - index * chunkSize);
  let sent = status.received.reduce((sum, index) => sum + sizeOf(index), 0);
  onProgress(sent / file.size);
  for (const index of status.missing) {
    const part = file.slice(index * chunkSize, index * chunkSize + sizeOf(index));
    for (let attempt = 1; ; attempt += 1) {
      try {
        await apiUploadPart(`/media/uploads/${uploadId}/chunks/${index}`, part, { signal, onProgress: (fraction) => onProgress((sent + fraction * part.size) / file.size) });
        break;
      } catch (error) {
        if (attempt >= PART_ATTEMPTS || !retryable(error)) throw error;
        await wait(1000 * attempt, signal);
      }
    }
    sent += part.size;
    onProgress(sent / file.size);
  }
  const media = await apiRequest<UploadedMedia>(`/media/uploads/${uploadId}/complete`, { method: 'POST', signal });
  sessions.delete(file);
  return media;
}

/**
 * A direct upload (docs/api-additions.md#direct-uploads-to-s3): each missing part is PUT to a pre-signed URL of the
 * bucket, asked from the API a few at a time; a refused URL (expired) is replaced by a fresh one. The ETags the
 * bucket answered go with `complete`, which checks them against the bucket's own list.
 */
async function sendToBucket(file: File, status: UploadStatus, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedMedia> {
  const { uploadId, chunkSize } = status;
  const sizeOf = (index: number) => Math.min(chunkSize, file.size - index * chunkSize);
  const urls = new Map<number, { url: string; until: number }>();
  const urlOf = async (index: number, next: number[]) => {
    const known = urls.get(index);
    if (known && known.until > Date.now() + 60_000) return known.url;
    const answer = await apiRequest<PartUrls>(`/media/uploads/${uploadId}/parts`, { method: 'POST', body: { parts: next }, signal });
    const until = Date.parse(answer.expiresAt);
    for (const part of answer.parts) urls.set(part.index, { url: part.url, until });
    return urls.get(index)?.url ?? '';
  };
  const etags: Array<{ index: number; etag: string }> = [];
  let sent = status.received.reduce((sum, index) => sum + sizeOf(index), 0);
  onProgress(sent / file.size);
  for (let k = 0; k < status.missing.length; k += 1) {
    const index = status.missing[k]!;
    const part = file.slice(index * chunkSize, index * chunkSize + sizeOf(index));
    for (let attempt = 1; ; attempt += 1) {
      try {
        const url = await urlOf(index, status.missing.slice(k, k + URL_BATCH));
        const etag = await putToSignedUrl(url, part, { signal, onProgress: (fraction) => onProgress((sent + fraction * part.size) / file.size) });
        if (etag) etags.push({ index, etag });
        break;
      } catch (error) {
        const expired = error instanceof ApiError && error.code === 'storage_error' && error.status === 403;
        if (expired) urls.delete(index);
        if (attempt >= PART_ATTEMPTS || !(expired || retryable(error))) throw error;
        await wait(1000 * attempt, signal);
      }
    }
    sent += part.size;
    onProgress(sent / file.size);
  }
  const media = await apiRequest<UploadedMedia>(`/media/uploads/${uploadId}/complete`, { method: 'POST', body: etags.length > 0 ? { parts: etags } : {}, signal });
  sessions.delete(file);
  return media;
}

/**
 * Uploads files to the media library and reports each one's progress: POST /media/upload for most, in parts
 * (POST /media/uploads, resumable) past CHUNKED_FROM_BYTES: to the API, or straight to the bucket when the server
 * answers `mode: 'direct'` (STORAGE=s3). Object URLs made for thumbnails and uploads still
 * running are released when the component goes away.
 */
export function useMediaUpload() {
  const urls = useRef<string[]>([]);
  const controllers = useRef(new Set<AbortController>());

  useEffect(() => {
    const made = urls.current;
    const running = controllers.current;
    return () => {
      made.forEach((url) => URL.revokeObjectURL(url));
      running.forEach((controller) => controller.abort());
    };
  }, []);

  const thumbnail = useCallback((file: File) => {
    const url = URL.createObjectURL(file);
    urls.current.push(url);
    return url;
  }, []);

  /** Uploading a File whose chunked upload failed resumes it. */
  const upload = useCallback((file: File, callbacks: UploadCallbacks) => {
    const controller = new AbortController();
    controllers.current.add(controller);
    const sending =
      file.size > CHUNKED_FROM_BYTES
        ? uploadInParts(file, callbacks.onProgress, controller.signal)
        : apiUpload<UploadedMedia>('/media/upload', file, { onProgress: callbacks.onProgress, signal: controller.signal });
    sending
      .then(callbacks.onDone, (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        callbacks.onFail(toApiError(error).message);
      })
      .finally(() => controllers.current.delete(controller));
  }, []);

  return { upload, thumbnail };
}
