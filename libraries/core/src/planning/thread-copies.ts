import { createHash, randomUUID } from 'node:crypto';
import type { CopyRow, CopySourceRow, Prisma, ThreadCopy } from '@herald/database';

/** The roots of a group's rows, each with its replies or comments in thread order. */
export function threadsOf(rows: readonly CopySourceRow[]): { root: CopySourceRow; children: CopySourceRow[] }[] {
  const byParent = new Map(rows.filter((r) => r.parentPostId).map((r) => [r.parentPostId, r]));
  return rows
    .filter((r) => r.parentPostId === null)
    .map((root) => {
      const children: CopySourceRow[] = [];
      for (let at = byParent.get(root.id); at && children.length < rows.length; at = byParent.get(at.id)) children.push(at);
      return { root, children };
    });
}

export interface CopyChoices {
  group: string;
  state: CopyRow['state'];
  publishDate: Date;
  intervalInDays: number | null;
  creationMethod: CopyRow['creationMethod'];
  previousOccurrenceId: string | null;
}

function json(value: Prisma.JsonValue): Prisma.InputJsonValue {
  return value ?? {};
}

/** A thread copied with new ids: the same content, media, settings, delays and tags; the rest as chosen. */
export function copyThread(thread: { root: CopySourceRow; children: CopySourceRow[] }, choices: CopyChoices): ThreadCopy {
  const rowOf = (source: CopySourceRow, parentPostId: string | null, isRoot: boolean): CopyRow => ({
    id: randomUUID(),
    group: choices.group,
    integrationId: source.integrationId,
    parentPostId,
    state: choices.state,
    publishDate: choices.publishDate,
    delay: isRoot ? 0 : source.delay,
    content: source.content,
    settings: json(source.settings),
    image: json(source.image),
    intervalInDays: isRoot ? choices.intervalInDays : null,
    creationMethod: choices.creationMethod,
    previousOccurrenceId: isRoot ? choices.previousOccurrenceId : null,
  });
  const root = rowOf(thread.root, null, true);
  const children: CopyRow[] = [];
  let parent = root.id;
  for (const child of thread.children) {
    const row = rowOf(child, parent, false);
    children.push(row);
    parent = row.id;
  }
  return { root, children, tagIds: thread.root.tagIds };
}

/**
 * The group of a group's next occurrence: derived from it (a name-based UUID), so that every channel of one
 * occurrence, wherever its copy is made from, lands in the same next group.
 */
export function nextGroupOf(group: string): string {
  const hex = createHash('sha256').update(`herald:next-occurrence:${group}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
