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

/** X: every entry of a thread is a post of its own, so each one is checked against the same rules. */
export function validateXPost(input: PlatformPostInput, options: ValidatePostOptions): RuleIssue[] {
  const article = input.settings?.['post_type'] === 'article';
  return input.value.flatMap((entry, index) => {
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
  });
}
