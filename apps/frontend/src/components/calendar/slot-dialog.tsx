'use client';

import type { CalendarPost } from '../../lib/post-types';
import { Dialog } from '../ui/dialog';
import { PostCard } from './post-card';
import styles from './calendar.module.css';

interface SlotDialogProps {
  title: string;
  posts: readonly CalendarPost[];
  timeZone: string;
  onOpen: (postId: string) => void;
  onClose: () => void;
}

/** "+N more": every post of one slot or day, each opening the composer. */
export function SlotDialog({ title, posts, timeZone, onOpen, onClose }: SlotDialogProps) {
  return (
    <Dialog open title={title} onClose={onClose} size="md">
      <p className="muted">{posts.length} posts. Open one to edit it; drag posts on the calendar itself to move them.</p>
      <div
        className={styles.slotList}
        onClick={(event) => {
          const id = (event.target as Element).closest<HTMLElement>('[data-post-id]')?.dataset.postId;
          if (id) onOpen(id);
        }}
      >
        {posts.map((post) => (
          <PostCard key={post.id} post={post} timeZone={timeZone} variant="row" />
        ))}
      </div>
    </Dialog>
  );
}
