import styles from './shell.module.css';

export function Brand() {
  return (
    <span className={styles.brand}>
      <svg className={styles.brandMark} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 9.5v5a1 1 0 0 0 1 1h2l6 4V4.5l-6 4H5a1 1 0 0 0-1 1Z" fill="currentColor" />
        <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      Herald
    </span>
  );
}
