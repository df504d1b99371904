'use client';

import { useEffect, useRef } from 'react';
import styles from './planning.module.css';

export interface PostMenuState {
  postId: string;
  x: number;
  y: number;
}

interface PostMenuProps {
  menu: PostMenuState | null;
  onOpen: (postId: string) => void;
  onDuplicate: (postId: string) => void;
  onClose: () => void;
}

/** A card's menu in the calendar (right-click, or the context-menu key on a focused card): open, duplicate. */
export function PostMenu({ menu, onOpen, onDuplicate, onClose }: PostMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof MouseEvent && ref.current?.contains(event.target as Node)) return;
      onClose();
    };
    window.addEventListener('keydown', close);
    window.addEventListener('mousedown', close);
    window.addEventListener('scroll', onClose, true);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('mousedown', close);
      window.removeEventListener('scroll', onClose, true);
    };
  }, [menu, onClose]);
  if (!menu) return null;
  const run = (action: (postId: string) => void) => () => {
    onClose();
    action(menu.postId);
  };
  return (
    <div ref={ref} className={styles.menu} role="menu" aria-label="Post" style={{ left: Math.min(menu.x, window.innerWidth - 200), top: Math.min(menu.y, window.innerHeight - 100) }}>
      <button type="button" role="menuitem" onClick={run(onOpen)}>
        Open
      </button>
      <button type="button" role="menuitem" onClick={run(onDuplicate)}>
        Duplicate
      </button>
    </div>
  );
}

/** The menu position of a card: where the pointer is, or under the focused card for the keyboard. */
export function menuFor(event: { target: EventTarget | null; clientX: number; clientY: number }): PostMenuState | null {
  const card = (event.target as Element | null)?.closest<HTMLElement>('[data-post-id]');
  const postId = card?.dataset.postId;
  if (!card || !postId) return null;
  if (event.clientX === 0 && event.clientY === 0) {
    const box = card.getBoundingClientRect();
    return { postId, x: box.left, y: box.bottom + 4 };
  }
  return { postId, x: event.clientX, y: event.clientY };
}
