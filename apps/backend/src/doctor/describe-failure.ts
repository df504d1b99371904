/** A connection string shown without its user, password or query (which may carry a password). */
export function safeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return '(unparsable URL)';
  }
}

const CODE_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
  '28P01': 'password rejected',
  '3D000': 'database does not exist',
  EAUTH: 'login refused',
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // AggregateError (Node tries IPv4 and IPv6) and wrapped errors keep the socket code one level down.
  const nested = (error as { errors?: unknown; cause?: unknown }).errors ?? (error as { cause?: unknown }).cause;
  if (Array.isArray(nested)) return nested.map(codeOf).find((c) => c !== undefined);
  return nested === undefined ? undefined : codeOf(nested);
}

/** A short, secret-free reason for a failed connection, e.g. "connection refused". */
export function describeFailure(error: unknown): string {
  const code = codeOf(error);
  if (code && CODE_REASONS[code]) return CODE_REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
