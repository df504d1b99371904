import type { ErrorDetail } from '../common/app-error';
import { AppError } from '../common/app-error';
import type { LocalMediaStorage } from './media/local-media-storage';
import type { ValidPostRequest } from './post-request.validator';

const INSTAGRAM = new Set(['instagram', 'instagram-standalone']);
const CONVERTED = new Set(['image/png', 'image/webp']);

/**
 * Instagram fetches images itself and takes only JPEG. A PNG or WebP from this organization's library gets a JPEG
 * sibling file, written now (at schedule time, not at publish time), and the post points at it instead.
 * Media from elsewhere are left alone: the platform rules already told the person what Instagram accepts.
 */
export async function useJpegForInstagram(request: ValidPostRequest, organizationId: string, storage: LocalMediaStorage): Promise<void> {
  const failures: ErrorDetail[] = [];
  const ownPrefix = `${organizationId.toLowerCase()}/`;
  for (const [index, entry] of request.body.posts.entries()) {
    const channel = request.channels.get(entry.integration.id);
    if (!channel || !INSTAGRAM.has(channel.providerIdentifier)) continue;
    for (const [j, image] of (entry.value[0]?.image ?? []).entries()) {
      const key = storage.keyOfUrl(image.path);
      const type = key ? storage.typeOf(key) : undefined;
      if (!key || !type || !CONVERTED.has(type.mime) || !key.startsWith(ownPrefix) || !(await storage.exists(key))) continue;
      try {
        image.path = storage.urlOf(await storage.ensureJpegSibling(key));
      } catch {
        failures.push({
          channel: channel.id,
          field: `posts.${index}.value.0.image.${j}`,
          code: 'media_unsupported',
          message: 'This image could not be converted to JPEG for Instagram; upload it again or as a JPEG.',
        });
      }
    }
  }
  if (failures.length > 0) throw AppError.validation('Some images could not be prepared for Instagram.', failures);
}
