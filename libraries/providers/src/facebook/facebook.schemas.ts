import { z } from 'zod';

/** `/feed` answers `{id}`; with `fields=id,permalink_url` also the permalink (platforms.md E). */
export const feedPostSchema = z.object({ id: z.string(), permalink_url: z.string().optional() });

/** `/photos` answers `{id, post_id}`; `post_id` is absent when `published=false`. */
export const photoSchema = z.object({ id: z.string(), post_id: z.string().optional() });
