'use client';

import { memo } from 'react';
import type { CalendarPost } from '../../lib/post-types';
import { formatDay } from '../../lib/zoned-time';
import type { Buckets } from './calendar-model';
import { PostCard } from './post-card';
import type { useGridInteractions } from './use-grid-interactions';
import styles from './calendar.module.css';

const MAX_VISIBLE = 4;

interface DayCellProps {
  day: string;
  posts: CalendarPost[] | undefined;
  timeZone: string;
  outside: boolean;
  today: boolean;
  past: boolean;
}

const DayCell = memo(function DayCell({ day, posts, timeZone, outside, today, past }: DayCellProps) {
  const count = posts?.length ?? 0;
  const visible = count > MAX_VISIBLE ? MAX_VISIBLE - 1 : count;
  return (
    <div className={styles.monthCell} data-day={day} data-outside={outside || undefined} data-today={today || undefined} data-past={past || undefined}>
      <span className={styles.monthDate}>{formatDay(day, { day: 'numeric' })}</span>
      {posts?.slice(0, visible).map((post) => <PostCard key={post.id} post={post} timeZone={timeZone} />)}
      {count > visible ? (
        <button type="button" className={styles.more} data-more={day} aria-label={`${count - visible} more posts on ${formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' })}`}>
          +{count - visible} more
        </button>
      ) : null}
    </div>
  );
});

interface MonthGridProps {
  days: readonly string[];
  month: string;
  buckets: Buckets;
  timeZone: string;
  today: string;
  handlers: ReturnType<typeof useGridInteractions>;
}

/** The month view: six weeks at most, Monday first; a drop keeps the post's time of day. */
export function MonthGrid({ days, month, buckets, timeZone, today, handlers }: MonthGridProps) {
  return (
    <div className={styles.monthFrame}>
      <div className={styles.monthHead} aria-hidden="true">
        {days.slice(0, 7).map((day) => (
          <span key={day}>{formatDay(day, { weekday: 'short' })}</span>
        ))}
      </div>
      <div className={styles.monthGrid} {...handlers}>
        {days.map((day) => (
          <DayCell
            key={day}
            day={day}
            posts={buckets.byDay.get(day)}
            timeZone={timeZone}
            outside={day.slice(0, 7) !== month}
            today={day === today}
            past={day < today}
          />
        ))}
      </div>
    </div>
  );
}
