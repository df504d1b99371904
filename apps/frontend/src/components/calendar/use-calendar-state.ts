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
