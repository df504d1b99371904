'use client';

import { memo, useEffect, useRef } from 'react';
import type { CalendarPost } from '../../lib/post-types';
import { formatDay, formatHour } from '../../lib/zoned-time';
import { slotKey, type Buckets } from './calendar-model';
import { PostCard } from './post-card';
import type { useGridInteractions } from './use-grid-interactions';
import styles from './calendar.module.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
export const ROW_HEIGHT = 76;

interface TimeGridProps {
  days: readonly string[];
  buckets: Buckets;
  timeZone: string;
  today: string;
  /** The current hour and minute in the person's zone. */
  nowHour: number;
  nowMinute: number;
  handlers: ReturnType<typeof useGridInteractions>;
}

interface SlotProps {
  day: string;
  hour: number;
  posts: CalendarPost[] | undefined;
  timeZone: string;
  maxVisible: number;
  past: boolean;
  /** Minutes into this hour when the slot holds "now", else null. */
  nowMinute: number | null;
  wide: boolean;
}

const Slot = memo(function Slot({ day, hour, posts, timeZone, maxVisible, past, nowMinute, wide }: SlotProps) {
  const count = posts?.length ?? 0;
  // With more posts than fit, the last visible place becomes "+N more": the slot never grows or shifts.
  const visible = count > maxVisible ? maxVisible - 1 : count;
  return (
    <div className={`${styles.slot} ${wide ? styles.slotWide : ''}`} data-day={day} data-hour={hour} data-past={past || undefined}>
      {posts?.slice(0, visible).map((post) => (
        <PostCard key={post.id} post={post} timeZone={timeZone} variant={wide ? 'row' : 'compact'} />
      ))}
      {count > visible ? (
        <button type="button" className={styles.more} data-more={slotKey(day, hour)} aria-label={`${count - visible} more posts at ${formatHour(hour)} on ${formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' })}`}>
          +{count - visible} more
        </button>
      ) : null}
      {nowMinute !== null ? <span className={styles.nowLine} style={{ top: `${(nowMinute / 60) * 100}%` }} aria-hidden="true" /> : null}
    </div>
  );
});

/** The week and day views: one column per day, one row per hour. */
export function TimeGrid({ days, buckets, timeZone, today, nowHour, nowMinute, handlers }: TimeGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const wide = days.length === 1;
  const maxVisible = wide ? 6 : 3;

  useEffect(() => {
    // Open on the working day (or the current hour) rather than at midnight.
    const element = scroller.current;
    if (element) element.scrollTop = Math.max(0, Math.min(nowHour - 1, 7)) * ROW_HEIGHT;
    // Only on mount: later hours must not yank the view while the person scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className={styles.timeGridFrame}>
      <div className={styles.timeGridScroll} ref={scroller}>
        <div
          className={styles.timeGrid}
          style={{ gridTemplateColumns: `56px repeat(${days.length}, minmax(${wide ? 0 : 120}px, 1fr))` }}
          {...handlers}
        >
          <div className={`${styles.corner} ${styles.sticky}`} />
          {days.map((day) => (
            <div key={day} className={`${styles.columnHead} ${styles.sticky}`} data-today={day === today || undefined}>
              <span className={styles.weekday}>{formatDay(day, { weekday: 'short' })}</span>
              <span className={styles.date}>{formatDay(day, { day: 'numeric' })}</span>
              <span className={styles.dayCount}>{dayCount(buckets.byDay.get(day)?.length ?? 0)}</span>
            </div>
          ))}
          {HOURS.map((hour) => (
            <HourRow
              key={hour}
              hour={hour}
              days={days}
              buckets={buckets}
              timeZone={timeZone}
              today={today}
              nowHour={nowHour}
              nowMinute={nowMinute}
              maxVisible={maxVisible}
              wide={wide}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function dayCount(count: number): string {
  return count === 0 ? '' : `${count} ${count === 1 ? 'post' : 'posts'}`;
}

interface HourRowProps {
  hour: number;
  days: readonly string[];
  buckets: Buckets;
  timeZone: string;
  today: string;
  nowHour: number;
  nowMinute: number;
  maxVisible: number;
  wide: boolean;
}

function HourRow({ hour, days, buckets, timeZone, today, nowHour, nowMinute, maxVisible, wide }: HourRowProps) {
  return (
    <>
      <div className={styles.hourLabel}>
        {formatHour(hour)}
      </div>
      {days.map((day) => {
        const past = day < today || (day === today && hour < nowHour);
        return (
          <Slot
            key={day}
            day={day}
            hour={hour}
            posts={buckets.bySlot.get(slotKey(day, hour))}
            timeZone={timeZone}
            maxVisible={maxVisible}
            past={past}
            nowMinute={day === today && hour === nowHour ? nowMinute : null}
            wide={wide}
          />
        );
      })}
    </>
  );
}
