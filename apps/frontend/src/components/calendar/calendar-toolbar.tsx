'use client';

import { CALENDAR_VIEWS, VIEW_LABEL, type CalendarViewName } from './calendar-model';
import styles from './calendar.module.css';

interface CalendarToolbarProps {
  view: CalendarViewName;
  label: string;
  loading: boolean;
  total: number | undefined;
  onView: (view: CalendarViewName) => void;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  onNew: () => void;
  onPrepareNew: () => void;
}

const STEP_NOUN: Record<CalendarViewName, string> = { week: 'week', list: 'week', day: 'day', month: 'month' };

export function CalendarToolbar({ view, label, loading, total, onView, onStep, onToday, onNew, onPrepareNew }: CalendarToolbarProps) {
  return (
    <div className={styles.toolbar}>
      <div className={styles.toolbarGroup}>
        <button type="button" className="btn btn-sm" onClick={onToday}>
          Today
        </button>
        <div className={styles.stepper}>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onStep(-1)} aria-label={`Previous ${STEP_NOUN[view]}`}>
            <span aria-hidden="true">‹</span>
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onStep(1)} aria-label={`Next ${STEP_NOUN[view]}`}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 className={styles.rangeLabel} aria-live="polite">
          {label}
        </h2>
        <span className={styles.rangeStatus} role="status">
          {loading ? 'Loading…' : total !== undefined ? `${total} ${total === 1 ? 'post' : 'posts'}` : ''}
        </span>
      </div>
      <div className={styles.toolbarGroup}>
        <div className={styles.segmented} role="group" aria-label="View">
          {CALENDAR_VIEWS.map((name) => (
            <button key={name} type="button" className={styles.segment} aria-pressed={view === name} onClick={() => onView(name)}>
              {VIEW_LABEL[name]}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-primary btn-sm" onClick={onNew} onPointerEnter={onPrepareNew} onFocus={onPrepareNew}>
          <span aria-hidden="true">+</span> New post
        </button>
      </div>
    </div>
  );
}
