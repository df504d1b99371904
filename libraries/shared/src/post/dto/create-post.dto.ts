import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { INTER_MAX_DAYS, INTER_MIN_DAYS } from '../../planning/planning-policy';
import { isPostDate } from '../post-date';
import { POST_TYPES, type CreatePostBody, type PostChannelEntry, type PostTagInput, type PostType, type PostValue } from '../post.types';
import { applyRules } from './apply-rules';
import { EmptyStringAsAbsent, MediaDto } from './media.dto';
import { BaseSettingsDto, SETTINGS_DTO_SUBTYPES, type FacebookSettingsDto, type InstagramSettingsDto, type XSettingsDto } from './provider-settings.dto';

/** A reply or comment waits at most a year (365 days) after the post before it. */
export const MAX_DELAY_MINUTES = 365 * 24 * 60;

/** Wording (and its leading space) kept from Postiz: Nest prefixes it with the entry's path, `posts.0.value.0.`. */
export const CONTENT_OR_MEDIA_MESSAGE = ' If images do not exist, content must be a non-empty string.';

export class IntegrationRefDto {
  declare id: string;
}
applyRules(IntegrationRefDto, { id: [IsDefined(), IsString()] });

export class PostValueDto implements PostValue {
  declare content: string;
  declare image?: MediaDto[];
  declare id?: string;
  declare delay?: number;
}
applyRules(PostValueDto, {
  content: [
    IsDefined(),
    IsString(),
    ValidateBy(
      {
        name: 'contentOrMedia',
        validator: {
          validate: (value: unknown, args) => {
            const image = (args?.object as PostValueDto | undefined)?.image;
            return (typeof value === 'string' && value.length > 0) || (Array.isArray(image) && image.length > 0);
          },
        },
      },
      { message: CONTENT_OR_MEDIA_MESSAGE },
    ),
  ],
  image: [IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => MediaDto)],
  id: [EmptyStringAsAbsent(), IsOptional(), IsString()],
  // Minutes; the column is a 32-bit integer, and a reply a year after its parent is already far beyond any use.
  delay: [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(MAX_DELAY_MINUTES)],
});

// An unknown `__type` falls back to BaseSettingsDto at runtime; the server never produces one, because it writes
// the channel's own provider (one of Herald's four) into `__type`.
export type SettingsDto = XSettingsDto | InstagramSettingsDto | FacebookSettingsDto;

export class PostChannelEntryDto implements PostChannelEntry {
  declare integration: IntegrationRefDto;
  declare value: PostValueDto[];
  declare group?: string;
  declare settings?: SettingsDto;
}
applyRules(PostChannelEntryDto, {
  integration: [IsDefined(), IsObject(), ValidateNested(), Type(() => IntegrationRefDto)],
  value: [IsDefined(), IsArray(), ArrayMinSize(1), ValidateNested({ each: true }), Type(() => PostValueDto)],
  group: [EmptyStringAsAbsent(), IsOptional(), IsString()],
  settings: [
    IsOptional(),
    IsObject(),
    ValidateNested(),
    // Postiz drops `__type` after picking the class; Herald keeps it, because it is stored with the post.
    Type(() => BaseSettingsDto, { keepDiscriminatorProperty: true, discriminator: { property: '__type', subTypes: SETTINGS_DTO_SUBTYPES } }),
  ],
});

export class PostTagDto implements PostTagInput {
  declare value?: unknown;
  declare label?: unknown;
}
// The elements must be objects, but their fields are not checked: unknown labels are ignored, not rejected.
applyRules(PostTagDto, { value: [Allow()], label: [Allow()] });

export class CreatePostDto implements CreatePostBody {
  declare type: PostType;
  declare date: string;
  declare shortLink?: boolean;
  declare tags?: PostTagDto[];
  declare posts: PostChannelEntryDto[];
  declare inter?: number;
  declare order?: string;
  declare republish?: boolean;
  declare creationMethod?: string;
}
applyRules(CreatePostDto, {
  type: [IsDefined(), IsIn(POST_TYPES)],
  date: [
    IsDefined(),
    ValidateBy({ name: 'isPostDate', validator: { validate: (value: unknown) => isPostDate(value) } }, { message: '$property must be a valid ISO 8601 date string' }),
  ],
  shortLink: [IsOptional(), IsBoolean()],
  tags: [IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => PostTagDto)],
  posts: [IsDefined(), IsArray(), ArrayMinSize(1), ValidateNested({ each: true }), Type(() => PostChannelEntryDto)],
  // Repeat every N days (a recurring post, docs/planning.md).
  inter: [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), IsInt(), Min(INTER_MIN_DAYS), Max(INTER_MAX_DAYS)],
  order: [IsOptional(), IsString()],
  republish: [IsOptional(), IsBoolean()],
  creationMethod: [IsOptional(), IsString()],
});

