import type { ReactNode } from 'react';
import styles from './ui.module.css';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <h2>{title}</h2>
      {children ? <div className="muted">{children}</div> : null}
      {action}
    </div>
  );
}
