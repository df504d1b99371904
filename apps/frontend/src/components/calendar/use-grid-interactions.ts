'use client';

import { useMemo, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { addDays } from '../../lib/zoned-time';

/** Where a post was dropped: a day (month view) or an hour of a day (week and day views). */
export interface DropTarget {
  day: string;
  hour?: number;
}

export interface GridCallbacks {
  onOpen: (postId: string) => void;
  onMore: (key: string) => void;
  onDrop: (postId: string, target: DropTarget) => void;
  onCreate: (target: DropTarget) => void;
}

function targetOf(element: Element | null): { element: HTMLElement; target: DropTarget } | null {
  const cell = element?.closest<HTMLElement>('[data-day]');
  const day = cell?.dataset.day;
  if (!cell || !day) return null;
  const hour = cell.dataset.hour;
  return { element: cell, target: hour === undefined ? { day } : { day, hour: Number(hour) } };
}

/**
 * One set of listeners on the grid for every card and cell (event delegation). Dragging touches the DOM
 * directly (a data attribute on the hovered cell), so moving the pointer across the grid renders nothing.
 */
export function useGridInteractions(callbacks: GridCallbacks) {
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const dragged = useRef<string | null>(null);
  const hovered = useRef<HTMLElement | null>(null);

  return useMemo(() => {
    const setHovered = (element: HTMLElement | null) => {
      if (hovered.current === element) return;
      hovered.current?.removeAttribute('data-drag-over');
      hovered.current = element;
      element?.setAttribute('data-drag-over', '');
    };
    const end = (container: HTMLElement) => {
      setHovered(null);
      dragged.current = null;
      container.removeAttribute('data-dragging');
      container.querySelector('[data-drag-source]')?.removeAttribute('data-drag-source');
    };
    return {
      onClick(event: MouseEvent<HTMLElement>) {
        const element = event.target as Element;
        const card = element.closest<HTMLElement>('[data-post-id]');
        if (card?.dataset.postId) return latest.current.onOpen(card.dataset.postId);
        const more = element.closest<HTMLElement>('[data-more]');
        if (more?.dataset.more) latest.current.onMore(more.dataset.more);
      },
      onDoubleClick(event: MouseEvent<HTMLElement>) {
        const element = event.target as Element;
        if (element.closest('button, a')) return;
        const found = targetOf(element);
        if (found) latest.current.onCreate(found.target);
      },
      onDragStart(event: DragEvent<HTMLElement>) {
        const card = (event.target as Element).closest<HTMLElement>('[data-post-id]');
        const id = card?.dataset.postId;
        if (!card || !id || card.getAttribute('draggable') !== 'true') return;
        dragged.current = id;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', id);
        card.setAttribute('data-drag-source', '');
        event.currentTarget.setAttribute('data-dragging', '');
      },
      onDragOver(event: DragEvent<HTMLElement>) {
        if (!dragged.current) return;
        const found = targetOf(event.target as Element);
        if (!found) return setHovered(null);
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setHovered(found.element);
      },
      onDragLeave(event: DragEvent<HTMLElement>) {
        const next = event.relatedTarget as Node | null;
        if (!next || !event.currentTarget.contains(next)) setHovered(null);
      },
      onDrop(event: DragEvent<HTMLElement>) {
        const id = dragged.current;
        const found = targetOf(event.target as Element);
        end(event.currentTarget);
        if (!id || !found) return;
        event.preventDefault();
        latest.current.onDrop(id, found.target);
      },
      onDragEnd(event: DragEvent<HTMLElement>) {
        end(event.currentTarget);
      },
      // The keyboard way to reschedule: Alt + arrows on a focused card (a day sideways; an hour, or a week in
      // the month view, up and down), through the same confirmation as a drop.
      onKeyDown(event: KeyboardEvent<HTMLElement>) {
        if (!event.altKey || !event.key.startsWith('Arrow')) return;
        const card = (event.target as Element).closest<HTMLElement>('[data-post-id]');
        const found = targetOf(card);
        const id = card?.dataset.postId;
        if (!card || !found || !id || card.getAttribute('draggable') !== 'true') return;
        event.preventDefault();
        const { day, hour } = found.target;
        const vertical = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
        const sideways = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
        if (hour === undefined) return latest.current.onDrop(id, { day: addDays(day, sideways + vertical * 7) });
        const nextHour = hour + vertical;
        if (nextHour < 0 || nextHour > 23) return;
        latest.current.onDrop(id, { day: addDays(day, sideways), hour: nextHour });
      },
    };
  }, []);
}
