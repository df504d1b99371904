import { IsString, MaxLength } from 'class-validator';
import { AppError, CROP_PRESETS, type CropPreset, type CropRequest, MAX_ALT_LENGTH } from '@herald/core';

export class AltDto {
  @IsString({ message: 'alt must be a string (empty to clear it)' })
  @MaxLength(MAX_ALT_LENGTH, { message: `alt must be at most ${MAX_ALT_LENGTH} characters` })
  alt!: string;
}

const PRESETS = Object.keys(CROP_PRESETS) as CropPreset[];

/** `{x, y, width, height}` in the upright image's pixels, or `{aspect}` for the largest centred rectangle of a preset. */
export function cropRequestOf(body: unknown): CropRequest {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (value.aspect !== undefined) {
    if (typeof value.aspect !== 'string' || !PRESETS.includes(value.aspect as CropPreset)) {
      throw AppError.validation('The crop preset is unknown.', [{ field: 'aspect', message: `aspect must be one of ${PRESETS.join(', ')}` }]);
    }
    return { aspect: value.aspect as CropPreset };
  }
  const details = (['x', 'y', 'width', 'height'] as const).flatMap((field) => {
    const n = value[field];
    const min = field === 'x' || field === 'y' ? 0 : 1;
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= 100_000 ? [] : [{ field, message: `${field} must be a whole number of pixels, at least ${min}` }];
  });
  if (details.length > 0) throw AppError.validation('The crop is invalid: send {x, y, width, height} or {aspect}.', details);
  return { x: value.x as number, y: value.y as number, width: value.width as number, height: value.height as number };
}
