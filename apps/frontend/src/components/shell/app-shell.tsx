'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../../hooks/use-session';
import { getOrganizationId, setOrganizationId } from '../../lib/organization-store';
import { LoadError } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import { ToastProvider } from '../ui/toast';
import { Sidebar } from './sidebar';
import { Topbar } from './topbar';
import styles from './shell.module.css';

/** Everything behind login: checks the session, then frames the page with navigation. */
export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const { user, error, isLoading, reload } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (error?.status === 401) {
      const next = `${pathname}${window.location.search}`;
      router.replace(`/login?next=${encodeURIComponent(next)}`);
    } else if (error?.status === 403 && getOrganizationId()) {
      // The remembered organization is not this person's (another account used this browser): fall back.
      setOrganizationId(null);
    }
  }, [error, pathname, router]);

  useEffect(() => {
    // A remembered organization the person has since left would make every request a 403.
    if (user && getOrganizationId() && !user.organizations.some((org) => org.id === getOrganizationId())) setOrganizationId(null);
  }, [user]);

  useEffect(() => {
    // Links in alert emails name their organization (`?org=`): act for it when the person belongs to it.
    const wanted = new URLSearchParams(window.location.search).get('org');
    if (user && wanted && wanted !== getOrganizationId() && user.organizations.some((org) => org.id === wanted)) setOrganizationId(wanted);
  }, [user]);

  useEffect(() => setMenuOpen(false), [pathname]);

  if (!user) {
    const waiting = isLoading || error?.status === 401 || error?.status === 403;
    return (
      <div className={styles.gate}>
        {waiting || !error ? (
          <LoadingBlock label="Loading your workspace…" />
        ) : (
          <LoadError title="Herald could not load your account" message={error.message} onRetry={() => void reload()} />
        )}
      </div>
    );
  }

  return (
    <ToastProvider>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <div className={styles.shell} data-menu-open={menuOpen || undefined}>
        <Sidebar user={user} open={menuOpen} onClose={() => setMenuOpen(false)} />
        <div className={styles.column}>
          <Topbar user={user} menuOpen={menuOpen} onToggleMenu={() => setMenuOpen((open) => !open)} />
          <main id="main" className={styles.main} tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
