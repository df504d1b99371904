import { createHash } from 'node:crypto';

export type LedgerPlatform = 'x' | 'instagram' | 'facebook';

export interface LedgerMedia {
  /** The URL the sandbox fetched (Meta), or `x-media:<id>` for uploaded X media. */
  url: string;
  bytes: number;
  format: string;
  sha256: string;
  /** Alt text the platform stored for the medium. */
  alt?: string;
}

export interface PublishedEntry {
  seq: number;
  platform: LedgerPlatform;
  /** Which login the call came through: `instagram-login` or `facebook-login` for Instagram. */
  via: 'x-oauth1' | 'instagram-login' | 'facebook-login';
  kind: 'tweet' | 'post' | 'photo' | 'image' | 'reel' | 'story' | 'carousel' | 'comment' | 'video';
  appId: string;
  accountId: string;
  releaseId: string;
  text: string;
  mediaUrls: string[];
  media: LedgerMedia[];
  /** The object a comment was left on. */
  parentId?: string;
  /** The tweet a reply answers. */
  replyToId?: string;
  permalink?: string;
  /** The publishing request's body exactly as the platform received it (X: the POST /2/tweets JSON). */
  request?: unknown;
  /** Sandbox clock, ms. */
  receivedAt: number;
  /** The parameters the publishing call(s) carried, under the platform's names (Graph only; no tokens). */
  params?: Record<string, string>;
  /** Instagram carousels: each item container's parameters, in order. */
  itemParams?: Array<Record<string, string>>;
}

export interface IssuedToken {
  platform: LedgerPlatform;
  kind: string;
  value: string;
  /** True for credentials that must never be stored or logged in clear by a client. */
  sensitive: boolean;
  accountId?: string;
  appId: string;
  issuedAt: number;
  expiresAt: number | null;
}

export interface RequestLogEntry {
  seq: number;
  service: string;
  method: string;
  /** Path only: queries can carry tokens. */
  path: string;
  status: number;
  fault?: string;
  at: number;
}

export function mediaDigest(url: string, data: Buffer, format: string): LedgerMedia {
  return { url, bytes: data.length, format, sha256: createHash('sha256').update(data).digest('hex') };
}

export class Ledger {
  readonly published: PublishedEntry[] = [];
  readonly tokens: IssuedToken[] = [];
  readonly requests: RequestLogEntry[] = [];
  private seq = 0;

  recordPublished(entry: Omit<PublishedEntry, 'seq'>): PublishedEntry {
    const full = { ...entry, seq: ++this.seq };
    this.published.push(full);
    return full;
  }

  recordToken(token: IssuedToken): void {
    this.tokens.push(token);
  }

  recordRequest(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.requests.push({ ...entry, seq: ++this.seq });
    // The request log is a debugging aid; keep it bounded for long demo runs.
    if (this.requests.length > 5000) this.requests.splice(0, this.requests.length - 5000);
  }

  snapshot(): { published: PublishedEntry[]; tokens: IssuedToken[]; requests: RequestLogEntry[] } {
    return { published: [...this.published], tokens: [...this.tokens], requests: [...this.requests] };
  }
}
