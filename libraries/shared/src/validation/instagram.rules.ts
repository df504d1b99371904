import { INSTAGRAM_LIMITS, INSTAGRAM_POST_TYPES, type InstagramPostType } from '../catalogue/platform-limits';
import { countForPlatform } from './counting';
import { countInstagramHashtags, countInstagramMentions } from './instagram-caption';
import { type MediaDescriptor } from './media';
import { isBlankContent } from './plain-text';
import { type PlatformPostEntry, type PlatformPostInput } from './post-issue';
import { countKinds, entryLabel, fileName, issue, tooLarge, type RuleIssue } from './rule-helpers';

const L = INSTAGRAM_LIMITS;
const PUBLISHED_IMAGES = new Set<string>(L.publishedImageMimeTypes);
const CONVERTED_IMAGES = new Set<string>(L.convertibleImageMimeTypes);
const VIDEOS = new Set<string>(L.videoMimeTypes);

export function instagramPostType(settings: PlatformPostInput['settings']): InstagramPostType {
  const value = settings?.['post_type'];
  return (INSTAGRAM_POST_TYPES as readonly unknown[]).includes(value) ? (value as InstagramPostType) : 'post';
}

function checkCaption(entry: PlatformPostEntry, index: number): RuleIssue[] {
  const field = `value.${index}.content`;
  const label = index === 0 ? 'The caption' : entryLabel(index, 'comment');
  const issues: RuleIssue[] = [];
  const counted = countForPlatform('instagram', entry.content);
  if (counted.over) {
    issues.push(issue('text_too_long', field, `${label} is ${counted.count} characters long; Instagram allows ${counted.limit}.`));
  }
  const hashtags = countInstagramHashtags(entry.content);
  if (hashtags > L.maxHashtags) {
    issues.push(issue('too_many_hashtags', field, `${label} has ${hashtags} hashtags; Instagram allows at most ${L.maxHashtags}.`));
  }
  const mentions = countInstagramMentions(entry.content);
  if (mentions > L.maxMentions) {
    issues.push(issue('too_many_mentions', field, `${label} has ${mentions} @mentions; Instagram allows at most ${L.maxMentions}.`));
  }
  return issues;
}

function checkFormats(media: readonly MediaDescriptor[], postType: InstagramPostType): RuleIssue[] {
  const issues: RuleIssue[] = [];
  media.forEach((m, j) => {
    const field = `value.0.image.${j}`;
    const mime = m.mime.toLowerCase();
    if (mime === 'image/gif') {
      issues.push(issue('media_unsupported', field, `Instagram cannot publish GIFs (${fileName(m.path)}); use a JPEG, PNG or WebP image or an MP4 video.`));
    } else if (!PUBLISHED_IMAGES.has(mime) && !CONVERTED_IMAGES.has(mime) && !VIDEOS.has(mime)) {
      issues.push(issue('media_unsupported', field, `Instagram cannot publish ${fileName(m.path)}; use a JPEG, PNG or WebP image or an MP4 video.`));
    } else if (PUBLISHED_IMAGES.has(mime)) {
      // Converted images get a new size on conversion, so only JPEGs sent as they are can be measured here.
      const big = tooLarge(m, L.maxImageBytes, field, 'an Instagram image');
      if (big) issues.push(big);
    } else if (VIDEOS.has(mime)) {
      const story = postType === 'story';
      const big = tooLarge(m, story ? L.maxStoryVideoBytes : L.maxReelBytes, field, story ? 'a story video' : 'an Instagram video');
      if (big) issues.push(big);
    }
  });
  return issues;
}

function checkShape(media: readonly MediaDescriptor[], postType: InstagramPostType): RuleIssue[] {
  const field = 'value.0.image';
  if (media.length === 0) {
    const what = postType === 'reel' ? 'a video' : postType === 'story' ? 'one image or video' : 'at least one image or video';
    return [issue('media_required', field, `Instagram needs ${what}; text-only posts cannot be published.`)];
  }
  switch (postType) {
    case 'story':
      return media.length > 1
        ? [issue('story_single_medium', field, `A story is one image or video; this one has ${media.length}. Publish the others as separate stories.`)]
        : [];
    case 'reel': {
      const kinds = countKinds(media);
      if (kinds.video === 0) return [issue('reel_requires_video', field, 'A Reel needs a video.')];
      return media.length > 1
        ? [issue('too_many_media', field, `A Reel is a single video; remove the other ${media.length - 1} item(s).`)]
        : [];
    }
    case 'post':
      // Images and videos may be mixed in a carousel; one item is an ordinary post (a single video becomes a Reel).
      return media.length > L.carouselMaxItems
        ? [issue('too_many_media', field, `An Instagram carousel holds ${L.carouselMinItems} to ${L.carouselMaxItems} items; this one has ${media.length}.`)]
        : [];
  }
}

function checkComment(entry: PlatformPostEntry, index: number): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if ((entry.media ?? []).length > L.commentMaxMedia) {
    issues.push(issue('comment_media_unsupported', `value.${index}.image`, `${entryLabel(index, 'comment')} has media; Instagram comments are text only.`));
  }
  if (isBlankContent(entry.content)) {
    issues.push(issue('content_required', `value.${index}.content`, `${entryLabel(index, 'comment')} is empty.`));
  }
  return [...issues, ...checkCaption(entry, index)];
}

const USERNAME = /^@?[A-Za-z0-9._]{1,30}$/;

/** Whether the post goes out as a Reel: a Reel, or an ordinary post of a single video (Meta retired feed videos). */
function isReel(media: readonly MediaDescriptor[], postType: InstagramPostType): boolean {
  if (postType === 'reel') return true;
  return postType === 'post' && media.length === 1 && countKinds(media).video === 1;
}

/** The settings that only some kinds of post take (Graph refuses or drops them elsewhere, so Herald refuses first). */
function checkOptions(settings: PlatformPostInput['settings'], media: readonly MediaDescriptor[], postType: InstagramPostType): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const reel = isReel(media, postType);
  const collaborators = settings?.['collaborators'];
  if (Array.isArray(collaborators)) {
    if (collaborators.length > L.maxCollaborators) {
      issues.push(issue('too_many_collaborators', 'settings.collaborators', `Instagram allows at most ${L.maxCollaborators} collaborators; ${collaborators.length} were given.`));
    }
    if (collaborators.length > 0 && postType === 'story') {
      issues.push(issue('collaborators_unsupported', 'settings.collaborators', 'Stories cannot have collaborators; Instagram takes them on posts, carousels and Reels.'));
    }
    collaborators.forEach((c: unknown, i) => {
      const label = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)['label'] : undefined;
      if (typeof label !== 'string' || !USERNAME.test(label.trim())) {
        issues.push(issue('collaborator_invalid', `settings.collaborators.${i}.label`, `Collaborator ${i + 1} must be an Instagram username (letters, digits, dots and underscores, at most 30).`));
      }
    });
  }
  const trial = settings?.['is_trial_reel'] === true;
  if (trial && !reel) {
    issues.push(issue('trial_reel_requires_reel', 'settings.is_trial_reel', 'Only a Reel (one video) can be published as a trial Reel.'));
  }
  if (settings?.['graduation_strategy'] !== undefined && !trial) {
    issues.push(issue('graduation_without_trial', 'settings.graduation_strategy', 'graduation_strategy applies to trial Reels only: set is_trial_reel, or remove it.'));
  }
  if (settings?.['share_to_feed'] !== undefined && !reel) {
    issues.push(issue('share_to_feed_requires_reel', 'settings.share_to_feed', 'share_to_feed applies to Reels only.'));
  }
  return issues;
}

/** Instagram (both connections): media are mandatory, the caption has three limits, comments are text only. */
export function validateInstagramPost(input: PlatformPostInput): RuleIssue[] {
  const postType = instagramPostType(input.settings);
  const [root, ...comments] = input.value;
  const issues: RuleIssue[] = [];
  if (root) {
    const media = root.media ?? [];
    issues.push(...checkShape(media, postType), ...checkFormats(media, postType), ...checkCaption(root, 0), ...checkOptions(input.settings, media, postType));
  }
  if (postType === 'story' && comments.length > 0) {
    issues.push(issue('story_comments_unsupported', 'value.1', 'A story cannot be commented on through the API; remove the comments or publish a post.'));
  }
  return [...issues, ...comments.flatMap((c, i) => checkComment(c, i + 1))];
}
