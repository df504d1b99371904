import { z } from 'zod';

const permissionsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? value : (value ?? '').split(/[\s,]+/)).filter((p) => p.length > 0));

const shortTokenEntry = z.object({
  access_token: z.string(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  permissions: permissionsField,
});

/** docs/platforms.md B.2: the documented `{data:[…]}` wrapper, or the flat object many clients see. */
export const shortTokenSchema = z
  .union([z.object({ data: z.array(shortTokenEntry).min(1) }), shortTokenEntry])
  .transform((value) => ('data' in value ? value.data[0]! : value));
export type InstagramShortToken = z.infer<typeof shortTokenSchema>;

const profileEntry = z.object({
  user_id: z.union([z.string(), z.number()]).transform(String).optional(),
  id: z.string().optional(),
  username: z.string(),
  name: z.string().optional(),
  profile_picture_url: z.string().optional(),
});

/** docs/platforms.md B.5: flat; a few clients defensively accept a `{data:[…]}` wrapper. */
export const profileSchema = z
  .union([z.object({ data: z.array(profileEntry).min(1) }), profileEntry])
  .transform((value) => ('data' in value ? value.data[0]! : value));
