import { FACEBOOK_LIMITS, FACEBOOK_POST_TYPES, type FacebookPostType } from '../catalogue/platform-limits';
import { countForPlatform } from './counting';
import { mediaKind, type MediaDescriptor } from './media';
import { isBlankContent } from './plain-text';
import { type PlatformPostEntry, type PlatformPostInput } from './post-issue';
import { countKinds, entryLabel, fileName, issue, tooLarge, type RuleIssue } from './rule-helpers';

const L = FACEBOOK_LIMITS;
const ACCEPTED = new Set<string>([...L.imageMimeTypes, ...L.videoMimeTypes]);

export function facebookPostType(settings: PlatformPostInput['settings']): FacebookPostType {
  const value = settings?.['post_type'];
  return (FACEBOOK_POST_TYPES as readonly unknown[]).includes(value) ? (value as FacebookPostType) : 'post';
}

function checkFormats(media: readonly MediaDescriptor[], index: number): RuleIssue[] {
  const issues: RuleIssue[] = [];
  media.forEach((m, j) => {
    const field = `value.${index}.image.${j}`;
    if (!ACCEPTED.has(m.mime.toLowerCase())) {
      issues.push(issue('media_unsupported', field, `Facebook cannot publish ${fileName(m.path)}; use JPEG, PNG, GIF or WebP images, or an MP4 video.`));
      return;
    }
    const video = mediaKind(m.mime) === 'video';
    const big = tooLarge(m, video ? L.maxVideoBytes : L.maxImageBytes, field, video ? 'a Facebook video' : 'a Facebook photo');
    if (big) issues.push(big);
  });
  return issues;
}

function checkPostMedia(media: readonly MediaDescriptor[], postType: FacebookPostType): RuleIssue[] {
  const field = 'value.0.image';
  if (postType === 'reel') {
    const kinds = countKinds(media);
    if (kinds.video !== 1 || media.length !== 1) return [issue('reel_requires_video', field, 'A Facebook Reel is exactly one video.')];
    return [];
  }
  if (postType === 'story') {
    if (media.length === 0) return [issue('media_required', field, 'A Facebook story needs one photo or video.')];
    if (media.length > 1) return [issue('story_single_medium', field, `A story is one photo or video; this one has ${media.length}.`)];
    return [];
  }
  const kinds = countKinds(media);
  const photos = kinds.image + kinds.gif;
  if (kinds.video > 0 && photos > 0) {
    return [issue('media_mixed', field, 'Facebook posts take photos or one video, not both.')];
  }
  if (kinds.video > L.maxVideos) return [issue('too_many_media', field, `The post has ${kinds.video} videos; Facebook takes one video per post.`)];
  if (photos > L.maxImages) return [issue('too_many_media', field, `The post has ${photos} photos; Herald publishes at most ${L.maxImages} per Facebook post.`)];
  return [];
}

function checkCommentMedia(media: readonly MediaDescriptor[], index: number): RuleIssue[] {
  const field = `value.${index}.image`;
  const label = entryLabel(index, 'comment');
  if (media.some((m) => mediaKind(m.mime) === 'video')) {
    return [issue('comment_media_unsupported', field, `${label} has a video; Facebook comments take one photo at most.`)];
  }
  if (media.length > L.commentMaxImages) {
    return [issue('too_many_media', field, `${label} has ${media.length} photos; Facebook comments take one photo at most.`)];
  }
  return [];
}

function checkEntry(entry: PlatformPostEntry, index: number, postType: FacebookPostType): RuleIssue[] {
  const media = entry.media ?? [];
  const label = entryLabel(index, 'comment');
  const issues: RuleIssue[] = [];
  if (isBlankContent(entry.content) && media.length === 0) {
    issues.push(issue('content_required', `value.${index}.content`, `${label} needs some text or a photo.`));
  }
  const counted = countForPlatform('facebook', entry.content);
  if (counted.over) {
    issues.push(issue('text_too_long', `value.${index}.content`, `${label} is ${counted.count} characters long; Facebook allows ${counted.limit}.`));
  }
  const formats = checkFormats(media, index);
  const shape = formats.some((i) => i.code === 'media_unsupported') ? [] : index === 0 ? checkPostMedia(media, postType) : checkCommentMedia(media, index);
  return [...issues, ...formats, ...shape];
}

/** A link and a background preset go on text posts only: Graph's /feed takes `link` or photos, never both. */
function checkOptions(input: PlatformPostInput, postType: FacebookPostType): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const media = input.value[0]?.media ?? [];
  if (postType === 'story' && input.value.length > 1) {
    issues.push(issue('story_comments_unsupported', 'value.1', 'A Facebook story cannot be commented on through the API; remove the comments or publish a post.'));
  }
  const url = input.settings?.['url'];
  if (typeof url === 'string' && url.length > 0 && (media.length > 0 || postType !== 'post')) {
    issues.push(issue('link_with_media', 'settings.url', 'A link goes on a text post only: remove the photos or video, or the link.'));
  }
  const preset = input.settings?.['text_format_preset_id'];
  if (typeof preset === 'string' && preset.length > 0 && (media.length > 0 || postType !== 'post' || (typeof url === 'string' && url.length > 0))) {
    issues.push(issue('text_format_with_media', 'settings.text_format_preset_id', 'A background (text_format_preset_id) goes on a text-only post, without a link, photos or video.'));
  }
  return issues;
}

/** Facebook Pages: text or media, photos or one video, stories are one medium, comments carry at most a photo. */
export function validateFacebookPost(input: PlatformPostInput): RuleIssue[] {
  const postType = facebookPostType(input.settings);
  return [...input.value.flatMap((entry, index) => checkEntry(entry, index, postType)), ...checkOptions(input, postType)];
}
