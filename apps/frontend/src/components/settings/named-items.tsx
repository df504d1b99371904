'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useAction } from '../../hooks/use-action';
import { Alert, LoadError } from '../ui/alert';
import { LoadingBlock } from '../ui/spinner';
import styles from './settings.module.css';

// The pieces the Customers and Tags sections share: a list of named things, added by name and edited inline.

interface NamedListProps<T> {
  items: T[] | undefined;
  error: { message: string } | undefined;
  isLoading: boolean;
  reload: () => Promise<unknown>;
  /** Plural and lowercase: "customers". */
  noun: string;
  /** The list's accessible name: "Customers". */
  label: string;
  children: (item: T) => ReactNode;
}

/** The list once loaded; its loading state, its load error with a retry, or a line saying there is nothing yet. */
export function NamedList<T>({ items, error, isLoading, reload, noun, label, children }: NamedListProps<T>) {
  if (error && !items) return <LoadError title={`The ${noun} could not be loaded`} message={error.message} onRetry={() => void reload()} />;
  if (isLoading && !items) return <LoadingBlock label={`Loading ${noun}…`} />;
  if (!items || items.length === 0) return <p className={styles.emptyNote}>No {noun} yet.</p>;
  return (
    <ul className={styles.itemList} aria-label={label}>
      {items.map(children)}
    </ul>
  );
}

interface AddByNameFormProps {
  /** The field's label: "New customer". */
  label: string;
  placeholder: string;
  /** The button: "Add customer". */
  action: string;
  maxLength: number;
  /** Said when the name is blank. */
  blankMessage: string;
  /** Adds the thing; the field empties when it resolves, and keeps its text with the reason when it fails. */
  onAdd: (name: string) => Promise<void>;
  /** More fields, after the name (a tag's colour). */
  extra?: (busy: boolean) => ReactNode;
}

export function AddByNameForm({ label, placeholder, action, maxLength, blankMessage, onAdd, extra }: AddByNameFormProps) {
  const id = useId();
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(blankMessage);
    if (await run(() => onAdd(trimmed))) setName('');
  }

  return (
    <>
      <form className={styles.addRow} onSubmit={(event) => void add(event)} noValidate>
        <div className={styles.grow}>
          <label htmlFor={`${id}-name`} className={styles.smallLabel}>
            {label}
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={maxLength}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error ? true : undefined}
            disabled={busy}
          />
        </div>
        {extra?.(busy)}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : action}
        </button>
      </form>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </>
  );
}

interface InlineEditFormProps {
  /** The `data-*` attribute that names the item for tests and styles, e.g. `{ 'data-tag': name }`. */
  dataAttributes: Record<string, string>;
  /** The hidden label of the name field: "New name for Acme". */
  label: string;
  name: string;
  onNameChange: (name: string) => void;
  maxLength: number;
  blankMessage: string;
  /**
   * Saves with the trimmed name; resolves false when there is nothing to save (the edit just closes). A failure
   * keeps the form open with the reason.
   */
  onSave: (name: string) => Promise<boolean>;
  onCancel: () => void;
  /** Shown before the name field (a tag's swatch). */
  before?: ReactNode;
  /** Shown after it (a tag's colour). */
  after?: (busy: boolean) => ReactNode;
}

/** An item of the list while it is being edited: its name (and what else `after` adds), Save and Cancel. */
export function InlineEditForm({ dataAttributes, label, name, onNameChange, maxLength, blankMessage, onSave, onCancel, before, after }: InlineEditFormProps) {
  const id = useId();
  const { busy, error, setError, run } = useAction();

  function cancel() {
    setError(null);
    onCancel();
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(blankMessage);
    let changed = true;
    await run(async () => {
      changed = await onSave(trimmed);
    });
    if (!changed) cancel();
  }

  return (
    <li className={styles.item} {...dataAttributes}>
      <form className={styles.itemForm} onSubmit={(event) => void save(event)} noValidate>
        {before}
        <label htmlFor={`${id}-name`} className="visually-hidden">
          {label}
        </label>
        <input
          id={`${id}-name`}
          className={`input ${styles.itemInput}`}
          value={name}
          maxLength={maxLength}
          autoComplete="off"
          // The person just asked to edit: the field is where they want to be.
          autoFocus
          onChange={(event) => onNameChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
          aria-invalid={error ? true : undefined}
          disabled={busy}
        />
        {after?.(busy)}
        <div className={styles.itemActions}>
          <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={cancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </li>
  );
}
