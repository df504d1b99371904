import type { AxiosInstance } from 'axios';
import { ProviderError } from '../contracts/provider-error';
import type { MediaRef, ProviderIdentifier } from '../contracts/provider.types';
import { transportError } from './network-errors';

export interface DownloadOptions {
  provider: ProviderIdentifier;
  http: AxiosInstance;
  timeoutMs: number;
  now: () => Date;
}

/** Fetch a post's media from its public URL (ours), to upload it to a platform that wants the bytes. */
export async function downloadMedia(media: MediaRef, options: DownloadOptions): Promise<Buffer> {
  let response;
  try {
    response = await options.http.request<ArrayBuffer>({
      method: 'GET',
      url: media.url,
      responseType: 'arraybuffer',
      timeout: options.timeoutMs,
      validateStatus: () => true,
    });
  } catch (error: unknown) {
    // Nothing reached the platform yet, so a lost download is always safe to retry.
    throw transportError(error, { provider: options.provider, sideEffect: false, now: options.now });
  }
  if (response.status >= 500) {
    throw new ProviderError('retry_later', options.provider, `The media server answered HTTP ${response.status} for ${media.url}`, {
      retryAt: new Date(options.now().getTime() + 60_000),
    });
  }
  if (response.status >= 400) {
    throw new ProviderError('bad_content', options.provider, `The media at ${media.url} could not be fetched (HTTP ${response.status})`);
  }
  return Buffer.from(response.data);
}
