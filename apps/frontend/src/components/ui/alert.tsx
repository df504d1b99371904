import type { ReactNode } from 'react';
import styles from './ui.module.css';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

interface AlertProps {
  tone: AlertTone;
  title?: string;
  children: ReactNode;
  action?: ReactNode;
}

/** A message block. Errors are announced at once; other tones politely. */
export function Alert({ tone, title, children, action }: AlertProps) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className={styles.alertBody}>
        {title ? <p className={styles.alertTitle}>{title}</p> : null}
        <div>{children}</div>
      </div>
      {action ? <div className={styles.alertAction}>{action}</div> : null}
    </div>
  );
}

/** A resource that could not be loaded: the server's message and a "Try again" button. */
export function LoadError({ title, message, onRetry }: { title?: string; message: string; onRetry: () => void }) {
  return (
    <Alert
      tone="error"
      {...(title ? { title } : {})}
      action={
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Try again
        </button>
      }
    >
      {message}
    </Alert>
  );
}
