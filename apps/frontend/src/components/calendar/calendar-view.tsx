'use client';

import { useMemo } from 'react';
import { useSession } from '../../hooks/use-session';
import { PageHeader } from '../ui/page-header';
import { weekDays } from './week';
import styles from './calendar.module.css';

/** A placeholder week grid; the real calendar (posts, drag to reschedule) is built separately. */
export function CalendarView() {
  const { user } = useSession();
  const timezone = user?.timezone ?? 'UTC';
  const days = useMemo(() => weekDays(new Date(), timezone), [timezone]);
  const range = days.length ? `${days[0]?.long} – ${days[days.length - 1]?.long}` : '';

  return (
    <>
      <PageHeader title="Calendar" description={`Week of ${range} · times in ${timezone}`} />
      <section className={`card ${styles.grid}`} aria-label="This week">
        {days.map((day) => (
          <div key={day.key} className={styles.day} data-today={day.isToday || undefined}>
            <div className={styles.dayHead}>
              <span className={styles.weekday}>{day.weekday}</span>
              <span className={styles.date}>{day.dayOfMonth}</span>
            </div>
            <div className={styles.dayBody} />
          </div>
        ))}
      </section>
      <p className={`muted ${styles.note}`}>Scheduled posts will appear here. Connect a channel first, from Channels.</p>
    </>
  );
}
