import { type Hash } from 'node:crypto';
import { NumericIds } from '../core/ids';

export interface XRequestToken {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  accessType?: 'read' | 'write';
  createdAt: number;
  status: 'issued' | 'authorized' | 'denied' | 'used';
  verifier?: string;
  userId?: string;
  write?: boolean;
}

export interface XAccessToken {
  token: string;
  secret: string;
  consumerKey: string;
  userId: string;
  write: boolean;
  issuedAt: number;
  revoked: boolean;
}

export interface XTweet {
  id: string;
  authorId: string;
  consumerKey: string;
  text: string;
  createdAt: number;
  conversationId: string;
  replyToId?: string;
  replyToUserId?: string;
  quoteTweetId?: string;
  mediaIds: string[];
  deleted: boolean;
}

export type XMediaKind = 'image' | 'gif' | 'video' | 'subtitles';

export interface XMedia {
  id: string;
  mediaKey: string;
  ownerId: string;
  additionalOwners: string[];
  mediaType: string;
  kind: XMediaKind;
  category?: string;
  totalBytes: number;
  /**
   * APPENDed segments by index: their sizes and digests only, never their bytes, so a 512 MB video costs the sandbox
   * a few kilobytes. The file is hashed as segments arrive in order (one arriving early waits in `early`).
   */
  segments: Map<number, { bytes: number; sha256: string }>;
  /** The first bytes of segment 0, to recognise the format at FINALIZE. */
  head?: Buffer;
  hash: Hash;
  /** Segments 0 … hashedThrough − 1 are in `hash`. */
  hashedThrough: number;
  early: Map<number, Buffer>;
  /** A segment already hashed was sent again with other bytes: the file's digest is unknown. */
  digestLost?: boolean;
  /** Set at FINALIZE. */
  sha256?: string;
  format?: string;
  createdAt: number;
  expiresAt: number;
  finalizedAt?: number;
  /** Set at FINALIZE when the bytes are not what `media_type` claims. */
  invalid?: string;
  /** POST /2/media/metadata `metadata.alt_text.text`. */
  altText?: string;
}

export class XState {
  readonly requestTokens = new Map<string, XRequestToken>();
  readonly accessTokens = new Map<string, XAccessToken>();
  /** Every tweet by id; add with `addTweet`, which also indexes it by author and text. */
  readonly tweets = new Map<string, XTweet>();
  private readonly byAuthor = new Map<string, XTweet[]>();
  private readonly byAuthorText = new Map<string, XTweet[]>();
  readonly media = new Map<string, XMedia>();
  /** `consumer:token:nonce:timestamp` → wall-clock ms when seen. */
  readonly nonces = new Map<string, number>();
  readonly tweetIds = new NumericIds(1_850_000_000_000_000_000n);
  readonly mediaIds = new NumericIds(1_880_000_000_000_000_000n);

  addTweet(tweet: XTweet): void {
    this.tweets.set(tweet.id, tweet);
    append(this.byAuthor, tweet.authorId, tweet);
    append(this.byAuthorText, `${tweet.authorId}\n${tweet.text}`, tweet);
  }

  /** The user's live tweets, oldest first. */
  tweetsBy(userId: string): XTweet[] {
    return (this.byAuthor.get(userId) ?? []).filter((t) => !t.deleted);
  }

  /** X refuses a tweet whose text equals one of the user's live tweets. */
  hasLiveTweetWithText(userId: string, text: string): boolean {
    return (this.byAuthorText.get(`${userId}\n${text}`) ?? []).some((t) => !t.deleted);
  }
}

function append<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
