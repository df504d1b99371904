import { Transform } from 'class-transformer';
import { IsDefined, IsNumber, IsOptional, IsString, IsUrl, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { hasAllowedMediaExtension } from '../../validation/media';
import { type MediaRef } from '../post.types';
import { applyRules } from './apply-rules';

/** Wording kept from Postiz, whose clients may show it (docs/public-api.md §3.2.2). */
export const MEDIA_EXTENSION_MESSAGE = 'File must have a valid extension: .png, .jpg, .jpeg, .gif, .webp, or .mp4';

export function HasMediaExtension(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'hasMediaExtension', validator: { validate: (value: unknown) => typeof value === 'string' && hasAllowedMediaExtension(value) } },
    { message: MEDIA_EXTENSION_MESSAGE, ...options },
  );
}

/** Clients send `""` for "none" (n8n does); it must read as absent, not as an invalid value. */
export const EmptyStringAsAbsent = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export class MediaDto implements MediaRef {
  declare id?: string;
  declare path: string;
  declare alt?: string;
  declare thumbnail?: string;
  declare thumbnailTimestamp?: number;
}

applyRules(MediaDto, {
  id: [IsOptional(), IsString()],
  path: [IsDefined(), IsString(), HasMediaExtension()],
  alt: [ValidateIf((o: MediaDto) => Boolean(o.alt)), IsString()],
  thumbnail: [ValidateIf((o: MediaDto) => Boolean(o.thumbnail)), IsUrl({ require_protocol: true })],
  thumbnailTimestamp: [IsOptional(), IsNumber()],
});
