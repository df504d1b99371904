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
  segments: Map<number, Buffer>;
  createdAt: number;
  expiresAt: number;
  finalizedAt?: number;
  /** Set at FINALIZE when the bytes are not what `media_type` claims. */
  invalid?: string;
}

export class XState {
  readonly requestTokens = new Map<string, XRequestToken>();
  readonly accessTokens = new Map<string, XAccessToken>();
  readonly tweets = new Map<string, XTweet>();
  readonly media = new Map<string, XMedia>();
  /** `consumer:token:nonce:timestamp` → wall-clock ms when seen. */
  readonly nonces = new Map<string, number>();
  readonly tweetIds = new NumericIds(1_850_000_000_000_000_000n);
  readonly mediaIds = new NumericIds(1_880_000_000_000_000_000n);

  tweetsBy(userId: string): XTweet[] {
    return [...this.tweets.values()].filter((t) => t.authorId === userId && !t.deleted);
  }
}
