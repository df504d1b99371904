'use client';

import { useCallback, useEffect, useState } from 'react';
import { CALENDAR_VIEWS, type CalendarViewName } from './calendar-model';

const VIEW_KEY = 'herald.calendarView';

/** The chosen view, remembered in this browser; week until hydration has read it. */
export function useViewPreference(): [CalendarViewName, (view: CalendarViewName) => void] {
  const [view, setViewState] = useState<CalendarViewName>('week');
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(VIEW_KEY);
      if ((CALENDAR_VIEWS as readonly string[]).includes(stored ?? '')) setViewState(stored as CalendarViewName);
      // Seven columns do not fit a phone: start there on one day.
      else if (window.matchMedia('(max-width: 760px)').matches) setViewState('day');
    } catch {
      // Storage refused: the default view is fine.
    }
  }, []);
  const setView = useCallback((next: CalendarViewName) => {
    setViewState(next);
    try {
      window.localStorage.setItem(VIEW_KEY, next);
    } catch {
      // As above.
    }
  }, []);
  return [view, setView];
}

const CUSTOMER_KEY = 'herald.calendarCustomer';

function readCustomer(): string | null {
  if (typeof window === 'undefined') return null;
  try {
    return window.sessionStorage.getItem(CUSTOMER_KEY) || null;
  } catch {
    return null;
  }
}

/**
 * The customer the calendar is filtered by (null: all), kept while the person moves between weeks, views and
 * pages of this tab. Read at once rather than after hydration: nothing rendered on the server depends on it, and
 * the first request of the posts is then the filtered one.
 */
export function useCustomerFilter(): [string | null, (customer: string | null) => void] {
  const [customer, setCustomerState] = useState<string | null>(readCustomer);
  const setCustomer = useCallback((next: string | null) => {
    setCustomerState(next);
    try {
      if (next) window.sessionStorage.setItem(CUSTOMER_KEY, next);
      else window.sessionStorage.removeItem(CUSTOMER_KEY);
    } catch {
      // Storage refused: the filter still applies on this page.
    }
  }, []);
  return [customer, setCustomer];
}

/** The current time, ticking at each minute boundary (the "now" line, what counts as past). */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      timer = window.setTimeout(() => {
        setNow(new Date());
        schedule();
      }, 60_000 - (Date.now() % 60_000) + 50);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}
