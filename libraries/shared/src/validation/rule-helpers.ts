import { mediaKind, type MediaDescriptor, type MediaKind } from './media';
import { type PostIssue, type PostIssueCode } from './post-issue';

export type RuleIssue = Omit<PostIssue, 'channel'>;

export function issue(code: PostIssueCode, field: string, message: string): RuleIssue {
  return { field, code, message };
}

export function entryLabel(index: number, followUp: 'reply' | 'comment'): string {
  if (index === 0) return 'The post';
  return followUp === 'reply' ? `Reply ${index} of the thread` : `Comment ${index}`;
}

export function countKinds(media: readonly MediaDescriptor[]): Record<MediaKind, number> {
  const counts: Record<MediaKind, number> = { image: 0, gif: 0, video: 0, other: 0 };
  for (const m of media) counts[mediaKind(m.mime)] += 1;
  return counts;
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export function fileName(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? path;
  return bare.slice(bare.lastIndexOf('/') + 1) || path;
}

export function tooLarge(media: MediaDescriptor, maxBytes: number, field: string, what: string): RuleIssue | undefined {
  if (media.size === undefined || media.size <= maxBytes) return undefined;
  return issue('media_too_large', field, `${fileName(media.path)} is ${megabytes(media.size)}; ${what} may be at most ${megabytes(maxBytes)}.`);
}
