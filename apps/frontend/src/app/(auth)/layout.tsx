import type { ReactNode } from 'react';
import { Brand } from '../../components/shell/brand';
import { ThemeToggle } from '../../components/shell/theme-toggle';
import styles from './auth-layout.module.css';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <Brand />
        <ThemeToggle />
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
