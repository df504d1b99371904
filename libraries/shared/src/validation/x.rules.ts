import { X_LIMITS } from '../catalogue/platform-limits';
import { countForPlatform } from './counting';
import { mediaKind } from './media';
import { isBlankContent } from './plain-text';
import { type PlatformPostEntry, type PlatformPostInput, type ValidatePostOptions } from './post-issue';
import { countKinds, entryLabel, fileName, issue, tooLarge, type RuleIssue } from './rule-helpers';

const ACCEPTED = new Set<string>([...X_LIMITS.imageMimeTypes, ...X_LIMITS.gifMimeTypes, ...X_LIMITS.videoMimeTypes]);

function checkMedia(entry: PlatformPostEntry, index: number): RuleIssue[] {
  const media = entry.media ?? [];
  const issues: RuleIssue[] = [];
  const field = `value.${index}.image`;
  media.forEach((m, j) => {
    if (!ACCEPTED.has(m.mime.toLowerCase())) {
      issues.push(issue('media_unsupported', `${field}.${j}`, `X cannot publish ${fileName(m.path)}: use JPEG, PNG, WebP or GIF images, or an MP4 video.`));
      return;
    }
    const kind = mediaKind(m.mime);
    const max = kind === 'video' ? X_LIMITS.maxVideoBytes : kind === 'gif' ? X_LIMITS.maxGifBytes : X_LIMITS.maxImageBytes;
    const big = tooLarge(m, max, `${field}.${j}`, kind === 'video' ? 'an X video' : kind === 'gif' ? 'an X GIF' : 'an X image');
    if (big) issues.push(big);
    if (m.alt !== undefined && kind === 'video') {
      issues.push(issue('alt_text_unsupported', `${field}.${j}.alt`, `X takes alt text on images and GIFs only; remove it from ${fileName(m.path)}.`));
    } else if (m.alt !== undefined && [...m.alt].length > X_LIMITS.maxAltTextLength) {
      issues.push(issue('alt_text_too_long', `${field}.${j}.alt`, `The alt text of ${fileName(m.path)} is ${[...m.alt].length} characters long; X allows ${X_LIMITS.maxAltTextLength}.`));
    }
  });
  if (issues.some((i) => i.code === 'media_unsupported')) return issues;

  const kinds = countKinds(media);
  const present = (['image', 'gif', 'video'] as const).filter((k) => kinds[k] > 0);
  const label = entryLabel(index, 'reply');
  if (present.length > 1) {
    issues.push(issue('media_mixed', field, `${label} mixes ${present.join(' and ')} media; X takes up to ${X_LIMITS.maxImages} images, or 1 video, or 1 GIF.`));
  } else if (kinds.image > X_LIMITS.maxImages) {
    issues.push(issue('too_many_media', field, `${label} has ${kinds.image} images; X allows at most ${X_LIMITS.maxImages}.`));
  } else if (kinds.video > X_LIMITS.maxVideos) {
    issues.push(issue('too_many_media', field, `${label} has ${kinds.video} videos; X allows 1 video per post.`));
  } else if (kinds.gif > X_LIMITS.maxGifs) {
    issues.push(issue('too_many_media', field, `${label} has ${kinds.gif} GIFs; X allows 1 GIF per post.`));
  }
  return issues;
}

const ARTICLE_FIELDS = ['post_type', 'article_title', 'article_status', 'article_cover'] as const;

/**
 * Settings X's API cannot carry are refused here rather than dropped at publishing (libraries/providers/src/x/x.settings.ts):
 * POST /2/tweets has no field for an Article.
 */
function unsupportedSettings(settings: PlatformPostInput['settings']): RuleIssue[] {
  if (!settings) return [];
  return ARTICLE_FIELDS.filter((key) => (key === 'post_type' ? settings[key] === 'article' : settings[key] !== undefined && settings[key] !== null))
    .map((key) => issue('setting_unsupported', `settings.${key}`, `X's API cannot publish Articles, so \`${key}\` cannot be used; publish a post (a long one needs X Premium).`));
}

/** X: every entry of a thread is a post of its own, so each one is checked against the same rules. */
export function validateXPost(input: PlatformPostInput, options: ValidatePostOptions): RuleIssue[] {
  const article = input.settings?.['post_type'] === 'article';
  const refused = unsupportedSettings(input.settings);
  // X takes a poll or media on a post, never both (POST /2/tweets: media, poll, quote and card exclude each other).
  if (input.settings?.['poll'] && (input.value[0]?.media ?? []).length > 0) {
    refused.push(issue('poll_with_media', 'settings.poll', 'X cannot publish a poll with images or a video on the same post; remove one of them.'));
  }
  return refused.concat(input.value.flatMap((entry, index) => {
    const label = entryLabel(index, 'reply');
    const issues: RuleIssue[] = [];
    if (isBlankContent(entry.content) && (entry.media ?? []).length === 0) {
      issues.push(issue('content_required', `value.${index}.content`, `${label} needs some text or at least one image or video.`));
    }
    const counted = countForPlatform('x', entry.content, { premium: options.premium ?? false, article: article && index === 0 });
    if (counted.over) {
      const how = counted.unit === 'x-weighted' ? ' as X counts them (emoji and CJK count 2, links 23)' : '';
      issues.push(issue('text_too_long', `value.${index}.content`, `${label} is ${counted.count} characters long${how}; the limit is ${counted.limit}.`));
    }
    return [...issues, ...checkMedia(entry, index)];
  }));
}
