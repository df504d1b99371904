import { z } from 'zod';
import { type InvalidRequestError } from './x-errors';

const snowflake = z.string().regex(/^[0-9]{1,19}$/);

/** `TweetCreateRequest` from X's OpenAPI document: `additionalProperties: false` at every level. */
export const TweetCreateRequestSchema = z
  .object({
    text: z.string().optional(),
    reply: z
      .object({
        in_reply_to_tweet_id: snowflake,
        exclude_reply_user_ids: z.array(snowflake).optional(),
        auto_populate_reply_metadata: z.boolean().optional(),
      })
      .strict()
      .optional(),
    media: z
      .object({ media_ids: z.array(snowflake).min(1).max(4), tagged_user_ids: z.array(snowflake).max(10).optional() })
      .strict()
      .optional(),
    quote_tweet_id: snowflake.optional(),
    poll: z
      .object({
        options: z.array(z.string().min(1).max(25)).min(2).max(4),
        duration_minutes: z.number().int().min(5).max(10080),
        reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
      })
      .strict()
      .optional(),
    reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
    card_uri: z.string().optional(),
    community_id: snowflake.optional(),
    direct_message_deep_link: z.string().optional(),
    for_super_followers_only: z.boolean().optional(),
    geo: z.object({ place_id: z.string().optional() }).strict().optional(),
    nullcast: z.boolean().optional(),
    share_with_followers: z.boolean().optional(),
    edit_options: z.object({ previous_post_id: snowflake }).strict().optional(),
    made_with_ai: z.boolean().optional(),
    paid_partnership: z.boolean().optional(),
  })
  .strict();

export type TweetCreateRequest = z.infer<typeof TweetCreateRequestSchema>;

/** Words zod's issues the way X's JSON-schema validator does (`$.path: problem`). */
export function zodIssuesToXErrors(error: z.ZodError): InvalidRequestError[] {
  return error.issues.flatMap((issue) => {
    const path = ['$', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ message: `${path}.${key}: is not defined in the schema and the schema does not allow additional properties` }));
    }
    return [{ message: `${path}: ${issue.message}` }];
  });
}

/** Media, poll, quote and card are mutually exclusive. */
export function exclusivityErrors(body: TweetCreateRequest): InvalidRequestError[] {
  const present = (['media', 'poll', 'quote_tweet_id', 'card_uri'] as const).filter((k) => body[k] !== undefined);
  if (present.length <= 1) return [];
  return [{ message: `$: only one of [${present.join(', ')}] may be present; media, poll, quote_tweet_id and card_uri are mutually exclusive` }];
}
