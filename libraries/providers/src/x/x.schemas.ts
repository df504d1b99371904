import { z } from 'zod';

/** POST /oauth/request_token, form-encoded (docs/platforms.md A.2). */
export const requestTokenSchema = z.object({
  oauth_token: z.string().min(1),
  oauth_token_secret: z.string().min(1),
  oauth_callback_confirmed: z.string().optional(),
  url: z.string().url(),
});

/** What twitter-api-v2's `login()` lifted out of POST /oauth/access_token. */
export const accessTokenSchema = z.object({
  accessToken: z.string().min(1),
  accessSecret: z.string().min(1),
  userId: z.string().optional(),
  screenName: z.string().optional(),
});

/** GET /2/users/me (docs/platforms.md A.5). */
export const meSchema = z.object({
  data: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    profile_image_url: z.string().optional(),
    verified: z.boolean().optional(),
    /** `user.fields=subscription_type`: Basic, Premium, PremiumPlus or None (https://docs.x.com/x-api/users/get-my-user). */
    subscription_type: z.string().optional(),
  }),
});

/** POST /2/tweets → 201 `{data:{id,text}}`. */
export const tweetCreatedSchema = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });

export const invalidateTokenSchema = z.object({ access_token: z.string().optional() });

const processingInfoSchema = z.object({
  state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
  check_after_secs: z.number().optional(),
  progress_percent: z.number().optional(),
  error: z.object({ code: z.number().optional(), name: z.string().optional(), message: z.string().optional() }).optional(),
});

/** initialize / finalize / STATUS share this `data` shape (docs/platforms.md A.7). */
export const mediaUploadSchema = z.object({
  data: z.object({
    id: z.string(),
    media_key: z.string().optional(),
    expires_after_secs: z.number().optional(),
    processing_info: processingInfoSchema.optional(),
  }),
});
export type MediaUploadData = z.infer<typeof mediaUploadSchema>['data'];

const urlEntitiesSchema = z.object({ urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional(), media_key: z.string().optional() })).optional() });

/** GET /2/users/:id/tweets with `tweet.fields=created_at,entities,note_tweet,display_text_range` (docs/platforms.md). */
export const userTweetsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        created_at: z.string().optional(),
        display_text_range: z.tuple([z.number(), z.number()]).optional(),
        entities: urlEntitiesSchema.optional(),
        note_tweet: z.object({ text: z.string(), entities: urlEntitiesSchema.optional() }).optional(),
      }),
    )
    .optional(),
  meta: z.object({ next_token: z.string().optional() }).optional(),
});

/** v1.1 error body: `{"errors":[{"code":415,"message":"…"}]}`. */
export const v1ErrorSchema = z.object({
  errors: z.array(z.object({ code: z.number(), message: z.string().optional() })).min(1),
});

/** v2 problem JSON (RFC 7807). */
export const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  period: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
});
