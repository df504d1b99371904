import { z } from 'zod';

/** Graph error envelope (graph.facebook.com and graph.instagram.com), docs/platforms.md F. */
export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
  }),
});
export type GraphErrorBody = z.infer<typeof graphErrorSchema>['error'];

/** api.instagram.com token errors use a flat shape, docs/platforms.md B.2. */
export const instagramApiErrorSchema = z.object({
  error_type: z.string(),
  code: z.number(),
  error_message: z.string(),
});

/** X-Business-Use-Case-Usage: `{"<id>":[{"type":"instagram","estimated_time_to_regain_access":19,...}]}` (minutes). */
export const businessUseCaseUsageSchema = z.record(
  z.string(),
  z.array(z.object({ type: z.string().optional(), estimated_time_to_regain_access: z.number().optional() })),
);

export const idSchema = z.object({ id: z.string() });

export const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

export const successSchema = z.object({ success: z.boolean() });

export const permissionsSchema = z.object({
  data: z.array(z.object({ permission: z.string(), status: z.string() })),
});

export const pagingSchema = z.object({ next: z.string().optional() }).optional();

export const pictureSchema = z
  .object({ data: z.object({ url: z.string().optional() }).optional() })
  .optional();

export const pageSchema = z.object({
  id: z.string(),
  name: z.string(),
  access_token: z.string().optional(),
  instagram_business_account: z.object({ id: z.string() }).optional(),
  picture: pictureSchema,
});
export type GraphPage = z.infer<typeof pageSchema>;

export const pagesResponseSchema = z.object({ data: z.array(pageSchema), paging: pagingSchema });

export const igAccountSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  username: z.string().optional(),
  profile_picture_url: z.string().optional(),
});

export const containerStatusSchema = z.object({
  id: z.string().optional(),
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
  status: z.string().optional(),
});
export type ContainerStatus = z.infer<typeof containerStatusSchema>['status_code'];

export const permalinkSchema = z.object({ id: z.string().optional(), permalink: z.string() });
export const permalinkUrlSchema = z.object({ id: z.string().optional(), permalink_url: z.string() });
