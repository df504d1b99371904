declare module 'twitter-text' {
  export interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }
  export function parseTweet(text: string): ParsedTweet;
  /** URLs as X recognises them; `indices` are UTF-16 offsets into `text`. */
  export function extractUrlsWithIndices(text: string): Array<{ url: string; indices: [number, number] }>;
}
