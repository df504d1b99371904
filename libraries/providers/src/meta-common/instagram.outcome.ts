import { z } from 'zod';
import type { OutcomeQuery, PublishOutcome } from '../contracts/provider.types';
import type { GraphClient } from './graph-client';
import { createdSince, readEdgeSince, sameText } from './graph-edge';
import { containerStatusSchema } from './graph.schemas';

const mediaSchema = z.object({ id: z.string(), caption: z.string().optional(), permalink: z.string().optional(), timestamp: z.string().optional() });
type ReadMedia = z.infer<typeof mediaSchema>;

export interface InstagramOutcomeOptions {
  graph: GraphClient;
  base: string;
}

/**
 * Settles a lost media_publish answer (docs/platforms.md, "Meta: reading posts back"). The container says for certain
 * whether it was published (`status_code`); its media id is then found among the account's media since the attempt
 * by caption (captions come back as posted), or, for a Story (never listed under /media and without a caption),
 * among the Stories of that window when exactly one is there.
 */
export class InstagramOutcomeLookup {
  constructor(private readonly options: InstagramOutcomeOptions) {}

  async find(query: OutcomeQuery): Promise<PublishOutcome> {
    const containerId = query.hint?.containerId;
    if (containerId) {
      const { status_code: status } = await this.options.graph.request({
        method: 'GET',
        url: `${this.options.base}/${containerId}`,
        query: { fields: 'status_code,status' },
        token: query.tokens.accessToken,
        schema: containerStatusSchema,
      });
      if (status === 'IN_PROGRESS') return { status: 'pending' };
      if (status !== 'PUBLISHED') return { status: 'not_published' };
    }
    const media = await this.read(query, 'media');
    const match = media.filter((m) => sameText(m.caption ?? '', query.text)).at(-1);
    if (match) return published(match);
    if (!containerId) return { status: 'not_found' };
    const stories = await this.read(query, 'stories');
    const [story, other] = stories;
    return story && !other ? published(story) : { status: 'published' };
  }

  private async read(query: OutcomeQuery, edge: 'media' | 'stories'): Promise<ReadMedia[]> {
    const items = await readEdgeSince({
      graph: this.options.graph,
      url: `${this.options.base}/${query.channel.id}/${edge}`,
      fields: 'id,caption,permalink,timestamp',
      token: query.tokens.accessToken,
      since: query.since,
      item: mediaSchema,
    });
    return items.filter((m) => createdSince(m.timestamp, query.since));
  }
}

function published(media: ReadMedia): PublishOutcome {
  return { status: 'published', id: media.id, ...(media.permalink ? { url: media.permalink } : {}) };
}
