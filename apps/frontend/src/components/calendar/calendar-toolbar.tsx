'use client';

import type { Customer } from '../../lib/api-types';
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
  /** The organization's customers; the filter shows only when there is at least one. */
  customers: readonly Customer[] | undefined;
  /** The customer whose channels are shown; null for all. */
  customer: string | null;
  onCustomer: (customer: string | null) => void;
}

const STEP_NOUN: Record<CalendarViewName, string> = { week: 'week', list: 'week', day: 'day', month: 'month' };

export function CalendarToolbar({ view, label, loading, total, onView, onStep, onToday, onNew, onPrepareNew, customers, customer, onCustomer }: CalendarToolbarProps) {
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
        {customers && customers.length > 0 ? (
          <select
            className={`select ${styles.filter}`}
            aria-label="Show the posts of"
            title="Show the posts of one customer's channels"
            value={customer ?? ''}
            data-active={customer ? true : undefined}
            onChange={(event) => onCustomer(event.target.value || null)}
          >
            <option value="">All customers</option>
            {customers.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        ) : null}
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
