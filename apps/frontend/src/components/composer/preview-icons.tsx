// Outline icons for the platform previews (no emoji: headless and minimal systems lack an emoji font).
const PATHS = {
  comment: 'M4 5h16v11H9l-5 4z',
  repost: 'M7 7h10l-3-3M17 17H7l3 3M17 7v5M7 17v-5',
  heart: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z',
  chart: 'M5 20V10M12 20V4M19 20v-7',
  send: 'M4 12l16-8-6 16-2-7z',
  share: 'M14 5l6 6-6 6M20 11H9a5 5 0 0 0-5 5v3',
  like: 'M7 10v10H4V10zM7 10l4-7a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2l-2 6a2 2 0 0 1-2 2H7',
  globe: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
} as const;

export type PreviewIconName = keyof typeof PATHS;

export function PreviewIcon({ name, label }: { name: PreviewIconName; label?: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.3rem' }}>
      <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
        <path d={PATHS[name]} />
      </svg>
      {label}
    </span>
  );
}
