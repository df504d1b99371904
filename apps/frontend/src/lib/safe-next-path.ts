/** Only same-site paths may be a post-login destination, so a crafted link cannot bounce elsewhere. */
export function safeNextPath(next: string | null, fallback = '/calendar'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/login') || next.startsWith('/register')) return fallback;
  return next;
}
