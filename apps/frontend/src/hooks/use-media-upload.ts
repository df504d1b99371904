'use client';

import { useCallback, useEffect, useRef } from 'react';
import { apiUpload } from '../lib/api-client';
import { toApiError } from '../lib/api-error';
import type { UploadedMedia } from '../lib/post-types';

export interface UploadCallbacks {
  onProgress: (fraction: number) => void;
  onDone: (media: UploadedMedia) => void;
  onFail: (message: string) => void;
}

/**
 * Uploads files to the media library (POST /media/upload) and reports each one's progress. Object URLs made for
 * thumbnails and uploads still running are released when the component goes away.
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

  const upload = useCallback((file: File, callbacks: UploadCallbacks) => {
    const controller = new AbortController();
    controllers.current.add(controller);
    apiUpload<UploadedMedia>('/media/upload', file, { onProgress: callbacks.onProgress, signal: controller.signal })
      .then(callbacks.onDone, (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        callbacks.onFail(toApiError(error).message);
      })
      .finally(() => controllers.current.delete(controller));
  }, []);

  return { upload, thumbnail };
}
