import type { PostIssue } from '@herald/shared';

/** One entry of a 400's `details` for a channel, in the composer's terms (`field` relative to the channel). */
export interface ServerIssue {
  channel: string;
  field: string;
  code: string;
  message: string;
  fromServer: true;
}

export type AnyIssue = PostIssue | ServerIssue;

export function serverIssuesByChannel(issues: readonly ServerIssue[]): Map<string, ServerIssue[]> {
  const map = new Map<string, ServerIssue[]>();
  for (const issue of issues) map.set(issue.channel, [...(map.get(issue.channel) ?? []), issue]);
  return map;
}
