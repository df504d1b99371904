// Types for reconcile.cjs (shared by bench/publish/run.ts and the chaos scripts, which run without a build).
export interface RecordedPost {
  id: string;
  /** The ledger's platform: `x`, `instagram` or `facebook`. */
  platform: string;
  /** The text the platform received (the post's plain text). */
  text: string;
  state: string;
  releaseId: string | null;
  error?: string | null;
}
export interface LedgerEntry {
  platform: string;
  text: string;
  releaseId: string;
}
export interface Reconciliation {
  counts: { posts: number; right: number; duplicated: number; liveNotPublished: number; wrongId: number; publishedNotLive: number; lost: number; unconfirmed: number };
  /** Posts where Herald's record and the platform's disagree: the run fails when this is not 0. */
  failures: number;
  examples: string[];
}
export function reconcile(posts: readonly RecordedPost[], ledger: readonly LedgerEntry[]): Reconciliation;
export function reconcileLine(label: string, result: Reconciliation): string;
