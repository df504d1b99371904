import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

export type FetchResult =
  | { ok: true; url: string; status: number; contentType: string; data: Buffer }
  | { ok: false; url: string; reason: 'bad-url' | 'http-status' | 'network' | 'timeout' | 'too-large'; status?: number; detail: string };

export interface FetchOptions {
  extraCaPem?: string;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
}

/** Downloads a media URL the way Meta's crawler does: it really fetches it, following redirects. */
export async function fetchMedia(rawUrl: string, options: FetchOptions): Promise<FetchResult> {
  let current = rawUrl;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const result = await fetchOnce(current, options);
    if ('redirect' in result) {
      current = result.redirect;
      continue;
    }
    return result;
  }
  return { ok: false, url: rawUrl, reason: 'network', detail: 'too many redirects' };
}

function fetchOnce(rawUrl: string, options: FetchOptions): Promise<FetchResult | { redirect: string }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.resolve({ ok: false, url: rawUrl, reason: 'bad-url', detail: 'not a URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ ok: false, url: rawUrl, reason: 'bad-url', detail: `unsupported scheme ${url.protocol}` });
  }
  return new Promise((resolve) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: new URL(res.headers.location, url).toString() });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        resolve({ ok: false, url: rawUrl, reason: 'http-status', status, detail: `HTTP ${status}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          res.destroy();
          resolve({ ok: false, url: rawUrl, reason: 'too-large', status, detail: `larger than ${options.maxBytes} bytes` });
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ ok: true, url: rawUrl, status, contentType: res.headers['content-type'] ?? '', data: Buffer.concat(chunks) }));
      res.on('error', (err) => resolve({ ok: false, url: rawUrl, reason: 'network', detail: err.message }));
    };
    const req =
      url.protocol === 'https:'
        ? https.get(url, { ca: options.extraCaPem ? [...rootCertificates, options.extraCaPem] : undefined }, onResponse)
        : http.get(url, onResponse);
    req.setTimeout(options.timeoutMs, () => {
      req.destroy();
      resolve({ ok: false, url: rawUrl, reason: 'timeout', detail: `no answer within ${options.timeoutMs} ms` });
    });
    req.on('error', (err) => resolve({ ok: false, url: rawUrl, reason: 'network', detail: err.message }));
  });
}
