import { z } from 'zod';

/** `/feed` answers `{id}`; with `fields=id,permalink_url` also the permalink (docs/platforms.md E). */
export const feedPostSchema = z.object({ id: z.string(), permalink_url: z.string().optional() });

/** `/photos` answers `{id, post_id}`; `post_id` is absent when `published=false`. */
export const photoSchema = z.object({ id: z.string(), post_id: z.string().optional() });

/** `video_reels` / `video_stories` with `upload_phase=start` (Meta's Reels and Stories guides). */
export const uploadStartSchema = z.object({ video_id: z.string(), upload_url: z.string().optional() });

/** The upload step on rupload: `{success: true}`. */
export const uploadDoneSchema = z.object({ success: z.literal(true) });

/** `upload_phase=finish`: Reels answer `{success}`; Stories also give `post_id`. */
export const finishSchema = z.object({ success: z.literal(true), post_id: z.string().optional() });
