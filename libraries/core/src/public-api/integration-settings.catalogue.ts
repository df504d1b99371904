import {
  FACEBOOK_LIMITS,
  FACEBOOK_POST_TYPES,
  INSTAGRAM_GRADUATION_STRATEGIES,
  INSTAGRAM_LIMITS,
  INSTAGRAM_POST_TYPES,
  isPlatformIdentifier,
  type PlatformIdentifier,
  X_LIMITS,
  X_POST_TYPES,
  X_WHO_CAN_REPLY,
} from '@herald/shared';

/** `GET /public/v1/integration-settings/:id` → `{output}` (docs/public-api.md §2.3). */
export interface IntegrationSettingsOutput {
  rules: string;
  maxLength: number;
  /** A JSON Schema of the channel's `settings`, as Postiz generates from its DTOs. */
  settings: Record<string, unknown>;
  tools: { methodName: string; description: string; dataSchema: { key: string; type: string; description: string }[] }[];
}


// X's options as POST /2/tweets carries them (docs/platforms.md, "X: the options of a post"). Articles have no field there: Herald
// refuses their settings at creation, so the schema offers only `post`.
const X_SETTINGS = {
  type: 'object',
  properties: {
    who_can_reply_post: { type: 'string', enum: [...X_WHO_CAN_REPLY], description: 'Who can reply to the post; sent to X as reply_settings (everyone: X default)' },
    community: { type: 'string', pattern: '^(https:\\/\\/x\\.com\\/i\\/communities\\/\\d+)?$', description: 'An X community URL, or empty; sent to X as community_id' },
    post_type: { type: 'string', enum: X_POST_TYPES.filter((type) => type !== 'article'), description: "X's API cannot publish articles" },
    made_with_ai: { type: 'boolean', description: 'Label the post as made with AI (made_with_ai)' },
    paid_partnership: { type: 'boolean', description: 'Label the post as a paid promotion (paid_partnership)' },
    poll: {
      type: 'object',
      description: 'A poll on the first post (no media with it), sent to X as poll',
      properties: {
        options: { type: 'array', minItems: X_LIMITS.pollMinOptions, maxItems: X_LIMITS.pollMaxOptions, items: { type: 'string', minLength: 1, maxLength: X_LIMITS.pollOptionMaxLength } },
        duration_minutes: { type: 'integer', minimum: X_LIMITS.pollMinMinutes, maximum: X_LIMITS.pollMaxMinutes },
      },
      required: ['options', 'duration_minutes'],
    },
  },
  required: ['who_can_reply_post'],
};

const INSTAGRAM_SETTINGS = {
  type: 'object',
  properties: {
    post_type: { type: 'string', enum: [...INSTAGRAM_POST_TYPES] },
    is_trial_reel: { type: 'boolean', description: 'Reels only: publish as a trial Reel (Graph trial_params)' },
    graduation_strategy: { type: 'string', enum: [...INSTAGRAM_GRADUATION_STRATEGIES], description: 'With is_trial_reel only; MANUAL when omitted' },
    collaborators: {
      type: 'array',
      maxItems: INSTAGRAM_LIMITS.maxCollaborators,
      description: 'Instagram usernames invited as collaborators; not on stories',
      items: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
    },
    share_to_feed: { type: 'boolean', description: 'Reels only: also show the Reel in the feed (default true)' },
  },
  required: ['post_type'],
};

const FACEBOOK_SETTINGS = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri', description: 'A link to attach to a text post (not with photos or a video)' },
    post_type: { type: 'string', enum: [...FACEBOOK_POST_TYPES], description: 'post (text, link, photos or a video), reel (one video) or story (one photo or video)' },
    text_format_preset_id: { type: 'string', description: 'A background preset for a text-only post' },
  },
};

const INSTAGRAM_RULES =
  `Instagram needs at least one image or video. A carousel takes ${INSTAGRAM_LIMITS.carouselMinItems} to ${INSTAGRAM_LIMITS.carouselMaxItems} items; ` +
  `a reel one video; a story one image or video. Captions: at most ${INSTAGRAM_LIMITS.captionMaxLength} characters, ` +
  `${INSTAGRAM_LIMITS.maxHashtags} hashtags and ${INSTAGRAM_LIMITS.maxMentions} mentions. Comments (later values) are text only. ` +
  `Up to ${INSTAGRAM_LIMITS.maxCollaborators} collaborators (not on stories); trial Reels and share_to_feed are for Reels only; stories take no comments; music (audio) cannot be published.`;

const CATALOGUE: Record<PlatformIdentifier, (premium: boolean) => IntegrationSettingsOutput> = {
  x: (premium) => ({
    rules: `X accepts up to ${X_LIMITS.maxImages} pictures, or 1 video, or 1 GIF per post; pictures and GIFs may carry alt text of up to ${X_LIMITS.maxAltTextLength} characters. Later values are replies in a thread.`,
    maxLength: premium ? X_LIMITS.premiumMaxWeightedLength : X_LIMITS.maxWeightedLength,
    settings: X_SETTINGS,
    tools: [],
  }),
  instagram: () => ({ rules: INSTAGRAM_RULES, maxLength: INSTAGRAM_LIMITS.captionMaxLength, settings: INSTAGRAM_SETTINGS, tools: [] }),
  'instagram-standalone': () => ({ rules: INSTAGRAM_RULES, maxLength: INSTAGRAM_LIMITS.captionMaxLength, settings: INSTAGRAM_SETTINGS, tools: [] }),
  facebook: () => ({
    rules:
      `Facebook Pages accept text (with a link or a background), up to ${FACEBOOK_LIMITS.maxImages} pictures or 1 video. A Reel is one video; a story one picture or video, ` +
      'without text or comments. A comment may carry one picture.',
    maxLength: FACEBOOK_LIMITS.textMaxLength,
    settings: FACEBOOK_SETTINGS,
    tools: [],
  }),
};

/** What a channel accepts; an unknown provider gets Postiz's empty answer. */
export function integrationSettingsOf(providerIdentifier: string, channelSettings: unknown): IntegrationSettingsOutput {
  if (!isPlatformIdentifier(providerIdentifier)) return { rules: '', maxLength: 0, settings: {}, tools: [] };
  const premium = typeof channelSettings === 'object' && channelSettings !== null && (channelSettings as Record<string, unknown>)['premium'] === true;
  return CATALOGUE[providerIdentifier](premium);
}
