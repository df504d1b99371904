import { xLinks } from '@herald/shared';

/**
 * Recognising a tweet Herald sent among the tweets X reads back (docs/platforms.md, "X: reading tweets back"). X
 * never returns the text as it was sent: `&`, `<` and `>` come back as HTML entities, every link is replaced by a
 * t.co link whose target is in `entities.urls[].expanded_url` (with `http://` added when the link had no scheme), a
 * tweet with media ends with one more t.co link to the photo or video, and a long post is cut in `text` and whole
 * in `note_tweet`. Both sides are brought to one form (links as their targets without scheme, text NFC and trimmed)
 * and compared; when X gave no entities, links are compared as "a link here" only.
 */
export interface UrlEntity {
  url: string;
  expanded_url?: string;
  media_key?: string;
}

export interface ReadTweet {
  id: string;
  text: string;
  created_at?: string;
  display_text_range?: [number, number];
  entities?: { urls?: UrlEntity[] };
  note_tweet?: { text: string; entities?: { urls?: UrlEntity[] } };
}

const MARK = '\u0000';
const TCO = /https:\/\/t\.co\/[A-Za-z0-9]+/g;
const HAS_TCO = /https:\/\/t\.co\/[A-Za-z0-9]+/;
const MEDIA_TARGET = /^https:\/\/(?:x|twitter)\.com\/[^/]+\/status\/\d+\/(?:photo|video)\/\d+$/;

function normalize(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

function bare(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

const link = (target: string): string => `${MARK}${target}${MARK}`;
const ANY_LINK = link('');

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

function unescapeHtml(text: string): string {
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The text Herald sent, its links marked by their targets. */
export function sentForm(text: string): string {
  const normalized = normalize(text);
  let out = '';
  let from = 0;
  for (const found of xLinks(normalized)) {
    out += normalized.slice(from, found.start) + link(bare(found.url));
    from = found.end;
  }
  return out + normalized.slice(from);
}

function isMediaLink(entity: UrlEntity): boolean {
  return entity.media_key !== undefined || MEDIA_TARGET.test(entity.expanded_url ?? '');
}

/** A read tweet in the same form: unescaped, the media link dropped, t.co links replaced by their targets. */
export function returnedForm(tweet: ReadTweet): string {
  const source = tweet.note_tweet ?? { text: tweet.text, entities: tweet.entities };
  let text = source.text;
  // Reply mentions X put before the text are outside the displayed range.
  const shown = tweet.note_tweet ? undefined : tweet.display_text_range?.[0];
  if (shown) text = Array.from(text).slice(shown).join('');
  for (const entity of source.entities?.urls ?? []) {
    text = isMediaLink(entity) ? text.replace(` ${entity.url}`, '').replace(entity.url, '') : text.split(entity.url).join(link(bare(entity.expanded_url ?? entity.url)));
  }
  return normalize(unescapeHtml(text));
}

function eraseTargets(form: string): string {
  return form.replace(new RegExp(`${MARK}[^${MARK}]*${MARK}`, 'g'), ANY_LINK);
}

/** Without entities: every t.co link is "a link"; one link more than was sent, at the end, is the media link. */
function looseForm(tweet: ReadTweet, sentLinks: number): string {
  const text = normalize(unescapeHtml(tweet.note_tweet?.text ?? tweet.text)).replace(TCO, ANY_LINK);
  const links = text.split(ANY_LINK).length - 1;
  return links === sentLinks + 1 && text.endsWith(ANY_LINK) ? normalize(text.slice(0, -ANY_LINK.length)) : text;
}

export function isSameTweet(sent: string, tweet: ReadTweet): boolean {
  const wanted = sentForm(sent);
  const source = tweet.note_tweet ?? tweet;
  const described = (source.entities?.urls?.length ?? 0) > 0 || !HAS_TCO.test(source.text);
  if (described) return returnedForm(tweet) === wanted;
  const erased = eraseTargets(wanted);
  return looseForm(tweet, erased.split(ANY_LINK).length - 1) === erased;
}
