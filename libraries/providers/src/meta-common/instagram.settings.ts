import { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { ProviderIdentifier } from '../contracts/provider.types';

export const instagramSettingsSchema = z.object({
  /** `post`: image, carousel or Reel (a single video); `story`: one image or video. */
  postType: z.enum(['post', 'story']).optional(),
  /** Up to 3 usernames invited as collaborators (Reels and carousels). */
  collaborators: z.array(z.string().min(1)).max(3).optional(),
  /** Reels only: also show in the main feed. */
  shareToFeed: z.boolean().optional(),
});
export type InstagramSettings = z.infer<typeof instagramSettingsSchema>;

export function parseInstagramSettings(provider: ProviderIdentifier, settings: unknown): InstagramSettings {
  const parsed = instagramSettingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    throw new ProviderError('bad_content', provider, `Invalid Instagram settings: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}
