'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { logout } from '../../hooks/use-session';
import type { SessionUser } from '../../lib/api-types';
import { toApiError } from '../../lib/api-error';
import { useToast } from '../ui/toast';
import { NotificationBell } from './notification-bell';
import { ThemeToggle } from './theme-toggle';
import styles from './shell.module.css';

interface TopbarProps {
  user: SessionUser;
  menuOpen: boolean;
  onToggleMenu: () => void;
}

export function Topbar({ user, menuOpen, onToggleMenu }: TopbarProps) {
  const router = useRouter();
  const notify = useToast();
  const [leaving, setLeaving] = useState(false);
  const timezone = user.timezone ?? 'UTC';

  async function signOut() {
    setLeaving(true);
    try {
      await logout();
    } catch (error) {
      // The cookie may already be gone; either way this browser forgets the session.
      notify(toApiError(error).message, 'error');
    }
    router.replace('/login');
  }

  return (
    <header className={styles.topbar}>
      <button type="button" className={`btn btn-ghost btn-sm ${styles.menuButton}`} aria-expanded={menuOpen} aria-controls="sidebar" onClick={onToggleMenu}>
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">Menu</span>
      </button>
      <div className={styles.topbarSpacer} />
      <Link href="/settings#timezone" className={styles.timezone} title="Your timezone: change it in Settings">
        <span className="visually-hidden">Timezone: </span>
        <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </svg>
        {timezone}
      </Link>
      <NotificationBell timeZone={timezone} />
      <ThemeToggle />
      <span className={styles.email} title={user.email}>
        {user.email}
      </span>
      <button type="button" className="btn btn-sm" onClick={() => void signOut()} disabled={leaving}>
        {leaving ? 'Logging out…' : 'Log out'}
      </button>
    </header>
  );
}
