import Link from 'next/link';
import styles from './not-found.module.css';

export default function NotFound() {
  return (
    <main className={styles.wrap}>
      <p className={styles.code}>404</p>
      <h1>This page does not exist</h1>
      <p className="muted">The link may be old, or the address mistyped.</p>
      <Link className="btn btn-primary" href="/calendar">
        Go to the dashboard
      </Link>
    </main>
  );
}
