/** Any origin will do for resolving: only whether the result stays on it matters. */
const PLACEHOLDER_ORIGIN = 'https://herald.invalid';
const CONTROL = /[\u0000-\u001f\u007f]/;

function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in (`?next=`): only a path of the dashboard itself, else `fallback`. The value is
 * resolved against the dashboard's origin and kept only when it stays there, and refused outright when it holds
 * what browsers strip or rewrite before resolving (tab, CR, LF and other control characters, backslashes), also
 * percent-encoded, so `/\t/evil`, `/%09/evil.example`, `//evil`, `/\\evil` and `javascript:` all end on the site.
 * The sign-in pages themselves are not a destination (no loop).
 */
export function safeNextPath(next: unknown, options: { origin?: string; fallback?: string } = {}): string {
  const fallback = options.fallback ?? '/calendar';
  const origin = options.origin ?? PLACEHOLDER_ORIGIN;
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback;
  if (!next.startsWith('/') || CONTROL.test(next) || next.includes('\\')) return fallback;
  const decoded = decodedOrNull(next);
  if (decoded === null || CONTROL.test(decoded) || decoded.includes('\\') || decoded.startsWith('//')) return fallback;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  if (/^\/(login|register)(\/|$)/.test(url.pathname)) return fallback;
  return path;
}
