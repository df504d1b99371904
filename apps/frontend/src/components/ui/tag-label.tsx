import type { CSSProperties } from 'react';
import styles from './ui.module.css';

interface TagLabelProps {
  name: string;
  /** `#rrggbb`. */
  color: string;
  /** Only the dot (the name goes in a title); for the tightest places. */
  dotOnly?: boolean;
  className?: string;
}

/** A tag as posts show it: a small dot of its colour and its name. */
export function TagLabel({ name, color, dotOnly = false, className }: TagLabelProps) {
  const style = { '--tag-color': color } as CSSProperties;
  return (
    <span className={`${styles.tag} ${className ?? ''}`} style={style} data-tag={name} title={dotOnly ? name : undefined}>
      <span className={styles.tagDot} aria-hidden="true" />
      {dotOnly ? <span className="visually-hidden">{name}</span> : <span className={styles.tagName}>{name}</span>}
    </span>
  );
}
