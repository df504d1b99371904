import styles from './ui.module.css';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span className={styles.spinnerWrap} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A centred loading state for a whole section. */
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div className={styles.loadingBlock}>
      <span className={styles.spinner} aria-hidden="true" />
      <span role="status">{label}</span>
    </div>
  );
}
