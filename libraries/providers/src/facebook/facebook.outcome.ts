import { z } from 'zod';
import type { OutcomeQuery, PublishOutcome } from '../contracts/provider.types';
import type { GraphClient } from '../meta-common/graph-client';
import { createdSince, readEdgeSince, sameText } from '../meta-common/graph-edge';

const feedPostSchema = z.object({ id: z.string(), message: z.string().optional(), permalink_url: z.string().optional(), created_time: z.string().optional() });

export interface FacebookOutcomeOptions {
  graph: GraphClient;
  base: string;
  /** Permalinks may come back relative (videos). */
  absolute: (permalink: string) => string;
}

/**
 * Finds a Page post whose answer was lost (or refused as a duplicate): the Page feed since the attempt, matched on
 * `message` as Graph returns it (the text as posted; a link or photos are never part of it). The earliest match is
 * the one the attempt made.
 */
export class FacebookOutcomeLookup {
  constructor(private readonly options: FacebookOutcomeOptions) {}

  async find(query: OutcomeQuery): Promise<PublishOutcome> {
    const posts = await readEdgeSince({
      graph: this.options.graph,
      url: `${this.options.base}/${query.channel.id}/feed`,
      fields: 'id,message,permalink_url,created_time',
      token: query.tokens.accessToken,
      since: query.since,
      item: feedPostSchema,
    });
    const match = posts.filter((post) => sameText(post.message ?? '', query.text) && createdSince(post.created_time, query.since)).at(-1);
    if (!match) return { status: 'not_found' };
    return { status: 'published', id: match.id, ...(match.permalink_url ? { url: this.options.absolute(match.permalink_url) } : {}) };
  }
}
