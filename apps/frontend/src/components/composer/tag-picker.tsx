'use client';

import { TAG_NAME_MAX } from '@herald/shared';
import { useEffect, useId, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useOrganizationRole } from '../../hooks/use-session';
import { findTagByName, useTags } from '../../hooks/use-tags';
import { toApiError } from '../../lib/api-error';
import styles from './composer.module.css';


interface TagPickerProps {
  /** The names of the chosen tags. */
  selected: readonly string[];
  onToggle: (name: string) => void;
  /** Chooses a tag (a new one, or one found by name) without unchoosing it. */
  onSelect: (name: string) => void;
  disabled: boolean;
}

/** Toggle chips, one per tag of the organization, and an inline "New tag" that creates one and chooses it. */
export function TagPicker({ selected, onToggle, onSelect, disabled }: TagPickerProps) {
  const id = useId();
  const { tags, error, isLoading, reload, create } = useTags();
  // Making tags is for owners and admins; members choose among the organization's tags.
  const { canManage } = useOrganizationRole();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const wasAdding = useRef(false);
  // Chosen names the list does not have (the list failed to load, or a tag went meanwhile) stay visible, so they
  // can be removed; the server ignores names that are no tag of the organization.
  const unknown = selected.filter((label) => !tags?.some((tag) => tag.name === label));

  useEffect(() => {
    // When the little form closes, the keyboard goes back to the button that opened it.
    if (wasAdding.current && !adding) newButton.current?.focus();
    wasAdding.current = adding;
  }, [adding]);

  function open() {
    setAdding(true);
    setAddError(null);
  }

  function close() {
    setAdding(false);
    setName('');
    setAddError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setAddError('Give the tag a name.');
    const existing = findTagByName(tags, trimmed);
    if (existing) {
      onSelect(existing.name);
      return close();
    }
    setBusy(true);
    setAddError(null);
    try {
      const created = await create(trimmed);
      onSelect(created.name);
      close();
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'name_taken') {
        // Made by someone else a moment ago: use theirs.
        await reload();
        onSelect(trimmed);
        close();
      } else {
        setAddError(apiError.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className={styles.tagPicker} aria-describedby={`${id}-hint`}>
      <legend className={styles.sectionLabel}>Tags</legend>
      <div className={styles.tagList} data-tag-picker>
        {tags?.map((tag) => (
          <button
            key={tag.id}
            type="button"
            className={styles.tagChip}
            style={{ '--tag-color': tag.color } as CSSProperties}
            aria-pressed={selected.includes(tag.name)}
            onClick={() => onToggle(tag.name)}
            disabled={disabled}
            data-tag-chip={tag.name}
          >
            <span className={styles.tagChipDot} aria-hidden="true" />
            <span className={styles.tagChipName}>{tag.name}</span>
          </button>
        ))}
        {unknown.map((label) => (
          <button key={label} type="button" className={styles.tagChip} aria-pressed onClick={() => onToggle(label)} disabled={disabled} data-tag-chip={label}>
            <span className={styles.tagChipDot} aria-hidden="true" />
            <span className={styles.tagChipName}>{label}</span>
          </button>
        ))}
        {adding ? (
          <form className={styles.tagForm} onSubmit={(event) => void submit(event)} noValidate>
            <label htmlFor={`${id}-name`} className="visually-hidden">
              New tag name
            </label>
            <input
              id={`${id}-name`}
              // Opened on purpose, to type a name: the field takes the focus.
              autoFocus
              className={`input ${styles.tagInput}`}
              value={name}
              maxLength={TAG_NAME_MAX}
              placeholder="Tag name"
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                // Escape closes this little form, not the whole composer.
                if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  close();
                }
              }}
              aria-invalid={addError ? true : undefined}
              aria-describedby={addError ? `${id}-error` : undefined}
              disabled={busy || disabled}
            />
            <button type="submit" className="btn btn-sm btn-primary" disabled={busy || disabled}>
              {busy ? 'Adding…' : 'Add'}
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={close} disabled={busy}>
              Cancel
            </button>
          </form>
        ) : canManage ? (
          <button ref={newButton} type="button" className={`${styles.tagChip} ${styles.tagNew}`} onClick={open} disabled={disabled || (error !== undefined && !tags)}>
            <span aria-hidden="true">+</span> New tag
          </button>
        ) : null}
      </div>
      {addError ? (
        <p id={`${id}-error`} className={styles.tagError} role="alert">
          {addError}
        </p>
      ) : null}
      <p id={`${id}-hint`} className={styles.tagHint}>
        {error && !tags ? (
          <>
            The tags could not be loaded ({error.message}){' '}
            <button type="button" className={styles.linkButton} onClick={() => void reload()}>
              Try again
            </button>
          </>
        ) : isLoading && !tags ? (
          'Loading tags…'
        ) : tags && tags.length === 0 && !adding ? (
          'No tags yet. Tags label posts (say “Launch” or “Weekend”) and show on the calendar.'
        ) : null}
      </p>
    </fieldset>
  );
}
