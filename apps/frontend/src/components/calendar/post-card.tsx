'use client';

import { htmlToPlainText } from '@herald/shared';
import { memo, useEffect, useRef } from 'react';
import { platformName } from '../../lib/platforms';
import { STATUS_LABEL, statusTone, tagsOf, type CalendarPost } from '../../lib/post-types';
import { formatInZone } from '../../lib/zoned-time';
import { Avatar } from '../ui/avatar';
import { TagLabel } from '../ui/tag-label';
import planning from '../planning/planning.module.css';
import styles from './calendar.module.css';

interface PostCardProps {
  post: CalendarPost;
  timeZone: string;
  /** `row` shows more text (day view, the "+N more" list). */
  variant?: 'compact' | 'row';
}

// A card moved with the keyboard is a new element in another slot, possibly mounted more than once while the
// server confirms: whichever card of that post mounts in the next moments takes the focus back.
let refocus: { id: string; until: number } | null = null;

export function refocusPost(id: string): void {
  refocus = { id, until: Date.now() + 1500 };
  document.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(id)}"]`)?.focus();
}

export function isMovable(post: CalendarPost): boolean {
  return post.state !== 'PUBLISHING' && post.state !== 'CANCELLED';
}

/** "repeats every 7 days", for a recurring post. */
export function repeatLabel(post: CalendarPost): string {
  const days = post.intervalInDays;
  return days ? `repeats every ${days === 1 ? 'day' : days === 7 ? 'week' : `${days} days`}` : '';
}

/** The mark of a recurring post (a circular arrow), with its period in the tooltip. */
export function RepeatMark({ days }: { days: number }) {
  return (
    <span className={planning.recurring} title={`Repeats every ${days === 1 ? 'day' : `${days} days`}`} aria-hidden="true" data-repeat-mark>
      <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" focusable="false">
        <path d="M17 2l4 4-4 4" />
        <path d="M3 11v-1a4 4 0 0 1 4-4h14" />
        <path d="M7 22l-4-4 4-4" />
        <path d="M21 13v1a4 4 0 0 1-4 4H3" />
      </svg>
    </span>
  );
}

/** How many tags a card names; the rest are counted. */
const CARD_TAGS = 2;

export function postTime(post: CalendarPost, timeZone: string): string {
  return formatInZone(new Date(post.publishDate), timeZone, { hour: 'numeric', minute: '2-digit' });
}

/**
 * A post on the calendar. It carries no handlers: the grid listens once (click, drag) and finds the card
 * through `data-post-id`, so a card re-renders only when its own post changes.
 */
export const PostCard = memo(function PostCard({ post, timeZone, variant = 'compact' }: PostCardProps) {
  const tone = statusTone(post.state);
  const text = htmlToPlainText(post.content).replace(/\s+/g, ' ').trim();
  const time = postTime(post, timeZone);
  const channel = post.integration.name;
  const movable = isMovable(post);
  const tags = tagsOf(post);
  const tagNames = tags.map((tag) => tag.name).join(', ');
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refocus && refocus.id === post.id && Date.now() < refocus.until && document.activeElement !== ref.current) ref.current?.focus();
  });
  return (
    <button
      ref={ref}
      type="button"
      className={`${styles.card} ${variant === 'row' ? styles.cardRow : ''}`}
      data-post-id={post.id}
      data-state={post.state}
      data-tone={tone}
      draggable={movable}
      data-recurring={post.intervalInDays ?? undefined}
      aria-label={`${formatInZone(new Date(post.publishDate), timeZone, { weekday: 'long', day: 'numeric', month: 'long' })} ${time}, ${channel} (${platformName(post.integration.providerIdentifier)}), ${STATUS_LABEL[tone]}${repeatLabel(post) ? `, ${repeatLabel(post)}` : ''}${tagNames ? `, tagged ${tagNames}` : ''}: ${text || 'no text'}`}
      title={`${time} · ${channel} · ${STATUS_LABEL[tone]}${tagNames ? ` · ${tagNames}` : ''}\n${text}`}
    >
      <Avatar src={post.integration.picture} name={channel} size={18} />
      <span className={styles.cardTime}>{time}</span>
      {post.intervalInDays ? <RepeatMark days={post.intervalInDays} /> : null}
      <span className={styles.cardText}>{text || <em>Media only</em>}</span>
      {tags.length > 0 ? (
        // Named where the card has room; only the dots on narrow cards (a container query on the card).
        <span className={styles.cardTags} aria-hidden="true">
          {tags.slice(0, CARD_TAGS).map((tag) => (
            <TagLabel key={tag.id} name={tag.name} color={tag.color} className={styles.cardTag} />
          ))}
          {tags.length > CARD_TAGS ? <span className={styles.cardTagMore}>+{tags.length - CARD_TAGS}</span> : null}
        </span>
      ) : null}
      <span className={styles.statusDot} aria-hidden="true" />
    </button>
  );
});
