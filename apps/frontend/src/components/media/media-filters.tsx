'use client';

import type { MediaKindFilter } from '../../hooks/use-media-library';
import styles from './media.module.css';

interface MediaFiltersProps {
  search: string;
  type: MediaKindFilter;
  /** A new search or type starts again from the first page. */
  onChange: (filters: { search: string; type: MediaKindFilter }) => void;
  autoFocus?: boolean;
}

/** The library's search box and type filter, shared by the composer's Library panel and the Media page. */
export function MediaFilters({ search, type, onChange, autoFocus }: MediaFiltersProps) {
  return (
    <div className={styles.toolbar}>
      <input
        type="search"
        className="input"
        placeholder="Search by name"
        aria-label="Search the library"
        value={search}
        data-autofocus={autoFocus || undefined}
        onChange={(event) => onChange({ search: event.target.value, type })}
      />
      <select className="input" aria-label="Type" value={type} onChange={(event) => onChange({ search, type: event.target.value as MediaKindFilter })}>
        <option value="">Images and videos</option>
        <option value="image">Images</option>
        <option value="video">Videos</option>
      </select>
    </div>
  );
}
