import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FACEBOOK_POST_TYPES, INSTAGRAM_POST_TYPES, X_LIMITS, type FacebookPostType, type InstagramPostType } from '../../catalogue/platform-limits';
import {
  INSTAGRAM_GRADUATION_STRATEGIES,
  X_ARTICLE_STATUSES,
  X_POST_TYPES,
  X_WHO_CAN_REPLY,
  type FacebookSettings,
  type InstagramAudio,
  type InstagramCollaborator,
  type InstagramGraduationStrategy,
  type InstagramSettings,
  type XArticleStatus,
  type XPoll,
  type XPostType,
  type XSettings,
  type XWhoCanReply,
} from '../provider-settings.types';
import { applyRules } from './apply-rules';
import { MediaDto } from './media.dto';

/** The settings of a provider without rules of its own: only the discriminator survives whitelisting. */
export class BaseSettingsDto {
  declare __type?: string;
}
applyRules(BaseSettingsDto, { __type: [Allow()] });

const isArticle = (o: XSettingsDto): boolean => o.post_type === 'article';

export class XPollDto implements XPoll {
  declare options: string[];
  declare duration_minutes: number;
}
applyRules(XPollDto, {
  options: [
    IsArray(),
    ArrayMinSize(X_LIMITS.pollMinOptions),
    ArrayMaxSize(X_LIMITS.pollMaxOptions),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(X_LIMITS.pollOptionMaxLength, { each: true }),
  ],
  duration_minutes: [IsInt(), Min(X_LIMITS.pollMinMinutes), Max(X_LIMITS.pollMaxMinutes)],
});

export class XSettingsDto implements XSettings {
  declare __type?: 'x';
  declare who_can_reply_post?: XWhoCanReply;
  declare community?: string;
  declare post_type?: XPostType;
  declare article_title?: string;
  declare article_status?: XArticleStatus;
  declare article_cover?: MediaDto;
  declare made_with_ai?: boolean;
  declare paid_partnership?: boolean;
  declare poll?: XPollDto;
}
applyRules(XSettingsDto, {
  __type: [Allow()],
  who_can_reply_post: [ValidateIf((o: XSettingsDto) => !isArticle(o)), IsIn(X_WHO_CAN_REPLY)],
  community: [
    IsOptional(),
    Matches(/^(https:\/\/x\.com\/i\/communities\/\d+)?$/, {
      message: 'Invalid X community URL. It should be in the format: https://x.com/i/communities/1493446837214187523',
    }),
  ],
  post_type: [IsOptional(), IsIn(X_POST_TYPES)],
  article_title: [ValidateIf(isArticle), IsString(), MinLength(1)],
  article_status: [ValidateIf(isArticle), IsIn(X_ARTICLE_STATUSES)],
  article_cover: [IsOptional(), ValidateNested(), Type(() => MediaDto)],
  made_with_ai: [IsOptional(), IsBoolean()],
  paid_partnership: [IsOptional(), IsBoolean()],
  poll: [IsOptional(), ValidateNested(), Type(() => XPollDto)],
});
// The X publisher maps every key of XSettings to X's names (libraries/providers/src/x/x.settings.ts): a DTO field
// outside XSettings would be accepted and never sent, so it fails to compile here.
const xDtoFieldsAreMapped: Record<Exclude<keyof XSettingsDto, keyof XSettings>, never> = {};
void xDtoFieldsAreMapped;

export class InstagramCollaboratorDto implements InstagramCollaborator {
  declare label: string;
}
applyRules(InstagramCollaboratorDto, { label: [IsDefined(), IsString()] });

export class InstagramAudioDto implements InstagramAudio {
  declare id: string;
  declare title?: string;
  declare artist?: string;
  declare image?: string;
  declare audio_volume?: number;
  declare video_volume?: number;
}
applyRules(InstagramAudioDto, {
  id: [IsDefined(), IsString()],
  title: [IsOptional(), IsString()],
  artist: [IsOptional(), IsString()],
  image: [IsOptional(), IsString()],
  audio_volume: [IsOptional(), IsNumber(), Min(0), Max(100)],
  video_volume: [IsOptional(), IsNumber(), Min(0), Max(100)],
});

export class InstagramSettingsDto implements InstagramSettings {
  declare __type?: 'instagram' | 'instagram-standalone';
  declare post_type: InstagramPostType;
  declare is_trial_reel?: boolean;
  declare graduation_strategy?: InstagramGraduationStrategy;
  declare collaborators?: InstagramCollaboratorDto[];
  declare share_to_feed?: boolean;
  declare audio?: InstagramAudioDto;
}
applyRules(InstagramSettingsDto, {
  __type: [Allow()],
  post_type: [IsDefined(), IsIn(INSTAGRAM_POST_TYPES)],
  is_trial_reel: [IsOptional(), IsBoolean()],
  graduation_strategy: [IsOptional(), IsIn(INSTAGRAM_GRADUATION_STRATEGIES)],
  collaborators: [IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => InstagramCollaboratorDto)],
  share_to_feed: [IsOptional(), IsBoolean()],
  // Accepted in shape (Postiz's clients send it), then refused: no Instagram API adds licensed music to a post.
  audio: [
    IsOptional(),
    ValidateBy(
      { name: 'instagramAudioUnsupported', validator: { validate: () => false } },
      { message: "audio cannot be published: Instagram's API has no way to add music to a post; remove settings.audio" },
    ),
  ],
});

export class FacebookSettingsDto implements FacebookSettings {
  declare __type?: 'facebook';
  declare url?: string;
  declare post_type?: FacebookPostType;
  declare text_format_preset_id?: string;
}
applyRules(FacebookSettingsDto, {
  __type: [Allow()],
  url: [ValidateIf((o: FacebookSettingsDto) => Boolean(o.url)), IsUrl()],
  post_type: [IsOptional(), IsIn(FACEBOOK_POST_TYPES)],
  text_format_preset_id: [IsOptional(), IsString()],
});

/** Which DTO validates `settings`, by the `__type` the server injects (the channel's provider). */
export const SETTINGS_DTO_SUBTYPES = [
  { name: 'x', value: XSettingsDto },
  { name: 'instagram', value: InstagramSettingsDto },
  { name: 'instagram-standalone', value: InstagramSettingsDto },
  { name: 'facebook', value: FacebookSettingsDto },
];
