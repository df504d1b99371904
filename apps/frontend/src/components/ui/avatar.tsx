'use client';

import { useState } from 'react';
import styles from './ui.module.css';

interface AvatarProps {
  src: string | null | undefined;
  name: string;
  size?: number;
}

/** A channel or page picture, falling back to initials when there is none or it fails to load. */
export function Avatar({ src, name, size = 40 }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const dimension = { width: size, height: size, fontSize: Math.round(size * 0.38) };

  if (src && !failed) {
    // Pictures come from the platforms' CDNs; next/image would need every host allow-listed.
    return <img className={styles.avatar} src={src} alt="" style={dimension} onError={() => setFailed(true)} referrerPolicy="no-referrer" />;
  }
  return (
    <span className={`${styles.avatar} ${styles.avatarFallback}`} style={dimension} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
