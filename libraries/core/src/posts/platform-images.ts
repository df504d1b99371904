import { isProviderIdentifier, PROVIDER_METADATA } from '@herald/providers';
import type { ErrorDetail } from '../common/app-error';
import { AppError } from '../common/app-error';
import type { LocalMediaStorage } from './media/local-media-storage';
import type { ValidPostRequest } from './post-request.validator';

const CONVERTED = new Set(['image/png', 'image/webp']);
const JPEG = 'image/jpeg';

/** The image types the channel's platform takes, when it names them (`ProviderMetadata.imageTypes`). */
function acceptedImageTypes(providerIdentifier: string): readonly string[] | undefined {
  return isProviderIdentifier(providerIdentifier) ? PROVIDER_METADATA[providerIdentifier].imageTypes : undefined;
}

/**
 * A platform that fetches images itself may take fewer types than the library holds (Instagram: JPEG only; its
 * provider says so). A PNG or WebP from this organization's library gets a JPEG sibling file for such a channel,
 * written now (at schedule time, not at publish time), and the post points at it instead.
 * Media from elsewhere are left alone: the platform rules already told the person what the platform accepts.
 */
export async function useAcceptedImageTypes(request: ValidPostRequest, organizationId: string, storage: LocalMediaStorage): Promise<void> {
  const failures: ErrorDetail[] = [];
  const ownPrefix = `${organizationId.toLowerCase()}/`;
  let platformName = '';
  for (const [index, entry] of request.body.posts.entries()) {
    const channel = request.channels.get(entry.integration.id);
    const accepted = channel ? acceptedImageTypes(channel.providerIdentifier) : undefined;
    if (!channel || !accepted?.includes(JPEG) || !isProviderIdentifier(channel.providerIdentifier)) continue;
    const name = PROVIDER_METADATA[channel.providerIdentifier].name;
    for (const [j, image] of (entry.value[0]?.image ?? []).entries()) {
      const key = storage.keyOfUrl(image.path);
      const type = key ? storage.typeOf(key) : undefined;
      if (!key || !type || accepted.includes(type.mime) || !CONVERTED.has(type.mime) || !key.startsWith(ownPrefix) || !(await storage.exists(key))) continue;
      try {
        image.path = storage.urlOf(await storage.ensureJpegSibling(key));
      } catch {
        platformName ||= name;
        failures.push({
          channel: channel.id,
          field: `posts.${index}.value.0.image.${j}`,
          code: 'media_unsupported',
          message: `This image could not be converted to JPEG for ${name}; upload it again or as a JPEG.`,
        });
      }
    }
  }
  if (failures.length > 0) throw AppError.validation(`Some images could not be prepared for ${platformName}.`, failures);
}
