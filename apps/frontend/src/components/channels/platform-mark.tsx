import styles from './channels.module.css';

const MARKS: Record<string, { letter: string; color: string }> = {
  x: { letter: 'X', color: '#111' },
  instagram: { letter: 'IG', color: '#c13584' },
  'instagram-standalone': { letter: 'IG', color: '#e1306c' },
  facebook: { letter: 'f', color: '#1877f2' },
};

/** A small coloured tile standing for the platform (no third-party logos are bundled). */
export function PlatformMark({ identifier }: { identifier: string }) {
  const mark = MARKS[identifier] ?? { letter: identifier.slice(0, 2).toUpperCase(), color: '#666' };
  return (
    <span className={styles.mark} style={{ background: mark.color }} aria-hidden="true">
      {mark.letter}
    </span>
  );
}
