import { type NextRequest, NextResponse } from 'next/server';

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Where the browser PUTs the parts of a direct upload (STORAGE=s3, docs/self-hosting.md#direct-uploads): the bucket's
 * origin as the AWS SDK addresses it in pre-signed URLs. That is S3_PUBLIC_ENDPOINT (else S3_ENDPOINT), with the
 * bucket as a subdomain unless S3_FORCE_PATH_STYLE (or a bucket name with dots); AWS S3 itself without an endpoint.
 */
export function bucketOrigins(env: Record<string, string | undefined>): string[] {
  const on = (value: string | undefined, fallback: boolean) => (value === undefined || value === '' ? fallback : value === 'true' || value === '1');
  const bucket = env.S3_BUCKET;
  if (env.STORAGE !== 's3' || !bucket || !on(env.S3_DIRECT_UPLOADS, true)) return [];
  const pathStyle = on(env.S3_FORCE_PATH_STYLE, false) || bucket.includes('.');
  const endpoint = env.S3_PUBLIC_ENDPOINT || env.S3_ENDPOINT;
  if (!endpoint) {
    const region = env.S3_REGION || 'us-east-1';
    return [pathStyle ? `https://s3.${region}.amazonaws.com` : `https://${bucket}.s3.${region}.amazonaws.com`];
  }
  try {
    const url = new URL(endpoint);
    return [pathStyle ? url.origin : `${url.protocol}//${bucket}.${url.host}`];
  } catch {
    return [];
  }
}

/**
 * The dashboard's Content-Security-Policy, with a nonce per request (Next's nonce pattern: Next reads the nonce
 * from the request's policy and puts it on its own scripts; the root layout puts it on the theme script). Scripts:
 * only ours ('strict-dynamic' lets them load their chunks). Connections: this origin, the API and, with direct
 * uploads, the bucket. Images and
 * videos: the API's uploads and the platforms' avatars (https). Nobody may frame the dashboard.
 */
export function contentSecurityPolicy(nonce: string, env: Record<string, string | undefined> = process.env): string {
  const dev = env.NODE_ENV === 'development';
  const backend = originOf(process.env.NEXT_PUBLIC_BACKEND_URL ?? 'http://localhost:3000');
  const uploads = originOf(env.UPLOADS_PUBLIC_URL);
  const api = [...new Set([backend, uploads].filter((o): o is string => o !== null))].join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React renders style attributes (positions, colours); inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https: ${api}`,
    `media-src 'self' blob: https: ${api}`,
    "font-src 'self' data:",
    `connect-src 'self' ${[api, ...bucketOrigins(env)].join(' ')}${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const nonce = btoa(String.fromCharCode(...bytes));
  const policy = contentSecurityPolicy(nonce);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('X-Frame-Options', 'DENY');
  if ((process.env.FRONTEND_URL ?? '').startsWith('https://')) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
