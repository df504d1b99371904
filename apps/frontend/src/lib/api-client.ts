import { ApiError } from './api-error';
import { getOrganizationId } from './organization-store';

// Inlined at build time; the only environment variable the dashboard reads.
export const BACKEND_URL = (process.env.NEXT_PUBLIC_BACKEND_URL ?? 'http://localhost:3000').replace(/\/+$/, '');

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** The single way the dashboard talks to the API: cookie session, chosen organization, typed errors. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const organizationId = getOrganizationId();
  if (organizationId) headers.showorg = organizationId;

  let response: Response;
  try {
    response = await fetch(`${BACKEND_URL}${path}`, {
      method: options.method ?? 'GET',
      credentials: 'include',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network(BACKEND_URL);
  }

  const body = await readJson(response);
  if (!response.ok) throw ApiError.fromBody(response.status, body);
  return body as T;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy's HTML error page is not an API body; the status alone decides the message.
    return undefined;
  }
}

export interface UploadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * A multipart upload of one file as the field `file`. XHR rather than fetch: only XHR reports upload progress.
 * Same session, organization and typed errors as apiRequest.
 */
export function apiUpload<T>(path: string, file: File, options: UploadOptions = {}): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return sendWithProgress<T>('POST', path, form, options);
}

/** One part of a chunked upload, sent as the raw body (`PUT /media/uploads/:id/chunks/:index`), with progress. */
export function apiUploadPart<T>(path: string, part: Blob, options: UploadOptions = {}): Promise<T> {
  return sendWithProgress<T>('PUT', path, part, options);
}

function sendWithProgress<T>(method: 'POST' | 'PUT', path: string, body: FormData | Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${BACKEND_URL}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (body instanceof Blob) xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const organizationId = getOrganizationId();
    if (organizationId) xhr.setRequestHeader('showorg', organizationId);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(ApiError.fromBody(xhr.status, parsed));
    };
    xhr.onerror = () => reject(ApiError.network(BACKEND_URL));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * One part of a direct upload, PUT straight to the bucket's pre-signed URL (docs/api-additions.md#direct-uploads-to-s3):
 * no cookie and no API header (the URL's signature is the authorization), with its progress. Resolves with the part's
 * ETag, `null` when the bucket's CORS rule does not expose it. A refusal is an ApiError of code `storage_error` (403:
 * the URL expired, ask for a fresh one); an unreachable bucket (often its CORS rule missing) has status 0.
 */
export function putToSignedUrl(url: string, part: Blob, options: UploadOptions = {}): Promise<string | null> {
  return new Promise<string | null>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.getResponseHeader('ETag'));
      const message = xhr.status === 403 ? 'The media storage refused the part (its upload address may have expired).' : `The media storage answered ${xhr.status} to a part of the upload.`;
      reject(new ApiError(xhr.status, 'storage_error', message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The media storage could not be reached (or its CORS rule does not allow this page: see docs/self-hosting.md#direct-uploads).'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(part);
  });
}
