'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useOrganizationRole } from '../../hooks/use-session';
import type { SessionUser } from '../../lib/api-types';
import { Brand } from './brand';
import { NavIcon, type NavIconName } from './nav-icon';
import { OrganizationSwitcher } from './organization-switcher';
import styles from './shell.module.css';

// `manage`: only owners and admins get the entry (a member's menu offers what a member can do).
const NAV: { href: string; label: string; icon: NavIconName; also?: string[]; manage?: boolean }[] = [
  { href: '/calendar', label: 'Calendar', icon: 'calendar' },
  { href: '/channels', label: 'Channels', icon: 'channels', also: ['/integrations'], manage: true },
  { href: '/media', label: 'Media', icon: 'media' },
  { href: '/analytics', label: 'Analytics', icon: 'analytics' },
  { href: '/settings', label: 'Settings', icon: 'settings' },
];

interface SidebarProps {
  user: SessionUser;
  open: boolean;
  onClose: () => void;
}

export function Sidebar({ user, open, onClose }: SidebarProps) {
  const pathname = usePathname();
  const { canManage } = useOrganizationRole();
  const asideRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    // On narrow screens the menu is a drawer: move focus into it so keyboard users land on the links.
    asideRef.current?.querySelector<HTMLElement>('a[aria-current="page"], a')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  return (
    <>
      <div className={styles.scrim} onClick={onClose} aria-hidden="true" />
      <aside id="sidebar" ref={asideRef} className={styles.sidebar} aria-label="Main">
        <div className={styles.sidebarInner}>
          <div className={styles.sidebarTop}>
            <Link href="/calendar" className={styles.brandLink}>
              <Brand />
            </Link>
          </div>
          <OrganizationSwitcher user={user} />
          <nav className={styles.nav} aria-label="Primary">
            <ul>
              {NAV.filter((item) => canManage || !item.manage).map((item) => {
                const active = [item.href, ...(item.also ?? [])].some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
                return (
                  <li key={item.href}>
                    <Link href={item.href} className={styles.navLink} aria-current={active ? 'page' : undefined}>
                      <NavIcon name={item.icon} />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </aside>
    </>
  );
}
