import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { channelTokenContext, LocalMediaStorage, MediaLibrary } from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { type Integration, MediaRepository, type Prisma } from '@herald/database';
import { minimalJpeg } from '../../sandbox/src/core/media-sniff';
import { PublishScheduler } from '@herald/queue';
import type { TestBackend } from './harness';

export type Platform = 'x' | 'instagram' | 'instagram-standalone' | 'facebook';

/** A connected channel written straight to the database (no OAuth needed): tokens are encrypted dummies. */
export async function addChannel(
  backend: TestBackend,
  organizationId: string,
  providerIdentifier: Platform,
  extra: Partial<Pick<Integration, 'name' | 'disabled' | 'inBetweenSteps' | 'deletedAt' | 'refreshNeeded'>> & { settings?: Record<string, unknown> } = {},
): Promise<Integration> {
  const cipher = new TokenCipher(backend.config.encryption.currentKey);
  const channel = { organizationId, providerIdentifier, internalId: randomBytes(6).toString('hex') };
  return backend.db.integration.create({
    data: {
      ...channel,
      name: extra.name ?? `${providerIdentifier} channel`,
      token: cipher.encrypt(`token-${randomUUID()}`, channelTokenContext(channel, 'token')),
      refreshToken: cipher.encrypt(`refresh-${randomUUID()}`, channelTokenContext(channel, 'refreshToken')),
      disabled: extra.disabled ?? false,
      inBetweenSteps: extra.inBetweenSteps ?? false,
      refreshNeeded: extra.refreshNeeded ?? false,
      deletedAt: extra.deletedAt ?? null,
      settings: (extra.settings ?? {}) as Prisma.InputJsonObject,
    },
  });
}

/** The provider settings each platform requires. */
export const SETTINGS: Record<Platform, Record<string, unknown>> = {
  x: { who_can_reply_post: 'everyone' },
  instagram: { post_type: 'post' },
  'instagram-standalone': { post_type: 'post' },
  facebook: {},
};

/**
 * An image path that is NOT a file of the organization's library: only for requests refused before the media
 * check (a valid post naming it is refused with media_not_uploaded). Use uploadImage for anything else.
 */
export const IMAGE = (name = 'photo') => ({ id: randomUUID(), path: `https://cdn.example.com/${name}-${randomUUID()}.jpg` });

/** A JPEG put in the organization's media library as an upload does: what a post's `image[]` may name. */
export async function uploadImage(backend: TestBackend, organizationId: string, name = 'photo.jpg'): Promise<{ id: string; path: string }> {
  const storage = backend.app.get(LocalMediaStorage);
  const library = new MediaLibrary(storage, new MediaRepository(backend.db), () => new Date());
  const added = await library.add(organizationId, await storage.stage(Readable.from([minimalJpeg(64, 64)])), name);
  return { id: added.id, path: added.path };
}

/** A small MP4 (an `ftyp` box and zeros) put in the organization's media library as an upload does. */
export async function uploadVideo(backend: TestBackend, organizationId: string, name = 'clip.mp4'): Promise<{ id: string; path: string }> {
  const storage = backend.app.get(LocalMediaStorage);
  const library = new MediaLibrary(storage, new MediaRepository(backend.db), () => new Date());
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(2000)]);
  const added = await library.add(organizationId, await storage.stage(Readable.from([mp4])), name);
  return { id: added.id, path: added.path };
}

export function entry(channel: Pick<Integration, 'id' | 'providerIdentifier'>, value: { id?: string; content: string; image?: { id?: string; path: string }[]; delay?: number }[]) {
  return { integration: { id: channel.id }, value, settings: { ...SETTINGS[channel.providerIdentifier as Platform] } };
}

export function schedulerOf(backend: TestBackend): PublishScheduler {
  return backend.app.get(PublishScheduler);
}

export function countPosts(backend: TestBackend, organizationId: string): Promise<number> {
  return backend.db.post.count({ where: { organizationId } });
}

/** A 1×1 PNG with an alpha channel. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
