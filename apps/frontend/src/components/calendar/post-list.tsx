'use client';

import { htmlToPlainText } from '@herald/shared';
import { memo } from 'react';
import { platformName } from '../../lib/platforms';
import { firstReleaseUrl, STATUS_LABEL, statusTone, tagsOf, type CalendarPost } from '../../lib/post-types';
import { formatDay } from '../../lib/zoned-time';
import { Avatar } from '../ui/avatar';
import { EmptyState } from '../ui/empty-state';
import { TagLabel } from '../ui/tag-label';
import type { Buckets } from './calendar-model';
import { postTime } from './post-card';
import styles from './calendar.module.css';

interface PostListProps {
  days: readonly string[];
  buckets: Buckets;
  timeZone: string;
  today: string;
  onOpen: (postId: string) => void;
  onRetry: (post: CalendarPost) => void;
  /** The customer the calendar is filtered by, if any. */
  customerName?: string | undefined;
}

const ListRow = memo(function ListRow({ post, timeZone, onOpen, onRetry }: { post: CalendarPost; timeZone: string; onOpen: (id: string) => void; onRetry: (post: CalendarPost) => void }) {
  const tone = statusTone(post.state);
  const link = firstReleaseUrl(post.releaseURL);
  const text = htmlToPlainText(post.content).trim();
  const tags = tagsOf(post);
  return (
    <li className={styles.listRow} data-tone={tone} data-state={post.state}>
      <span className={styles.listTime}>{postTime(post, timeZone)}</span>
      <Avatar src={post.integration.picture} name={post.integration.name} size={32} />
      <div className={styles.listMain}>
        <div className={styles.listMeta}>
          <strong>{post.integration.name}</strong>
          <span className="muted">{platformName(post.integration.providerIdentifier)}</span>
          <span className={styles.statusPill}>
            <span className={styles.statusDot} aria-hidden="true" />
            {STATUS_LABEL[tone]}
          </span>
          {tags.length > 0 ? (
            <span className={styles.listTags} aria-label={`Tags: ${tags.map((tag) => tag.name).join(', ')}`}>
              {tags.map((tag) => (
                <TagLabel key={tag.id} name={tag.name} color={tag.color} className={styles.listTag} />
              ))}
            </span>
          ) : null}
        </div>
        <p className={styles.listText}>{text || <em className="muted">Media only</em>}</p>
      </div>
      <div className={styles.listActions}>
        {link ? (
          <a className="btn btn-sm btn-ghost" href={link} target="_blank" rel="noreferrer" data-release-link>
            View post <span aria-hidden="true">↗</span>
          </a>
        ) : null}
        {post.state === 'ERROR' ? (
          <button type="button" className="btn btn-sm" onClick={() => onRetry(post)}>
            Retry
          </button>
        ) : null}
        <button type="button" className="btn btn-sm" onClick={() => onOpen(post.id)} aria-label={`Open the post of ${postTime(post, timeZone)} on ${post.integration.name}`}>
          Open
        </button>
      </div>
    </li>
  );
});

/** Every post of the range, day by day; days off screen skip layout and paint (content-visibility). */
export function PostList({ days, buckets, timeZone, today, onOpen, onRetry, customerName }: PostListProps) {
  const withPosts = days.filter((day) => (buckets.byDay.get(day)?.length ?? 0) > 0);
  if (withPosts.length === 0) {
    return customerName ? (
      <EmptyState title={`Nothing planned this week for ${customerName}`}>Choose All customers to see every channel&apos;s posts, or move to another week.</EmptyState>
    ) : (
      <EmptyState title="Nothing planned this week">Create a post with New post, or move to another week.</EmptyState>
    );
  }
  return (
    <div className={styles.list}>
      {withPosts.map((day) => {
        const posts = buckets.byDay.get(day) ?? [];
        return (
          <section key={day} className={styles.listDay} aria-labelledby={`list-${day}`} style={{ containIntrinsicSize: `auto ${posts.length * 72 + 48}px` }}>
            <h2 id={`list-${day}`} className={styles.listDayHead} data-today={day === today || undefined}>
              {formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' })}
              <span className="muted"> · {posts.length} {posts.length === 1 ? 'post' : 'posts'}</span>
            </h2>
            <ul>
              {posts.map((post) => (
                <ListRow key={post.id} post={post} timeZone={timeZone} onOpen={onOpen} onRetry={onRetry} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
