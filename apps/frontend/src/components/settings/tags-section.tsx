'use client';

import { useId, useState, type CSSProperties, type FormEvent } from 'react';
import { useOrganizationRole } from '../../hooks/use-session';
import { useTags } from '../../hooks/use-tags';
import { toApiError } from '../../lib/api-error';
import type { Tag } from '../../lib/api-types';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import styles from './settings.module.css';

const MAX_NAME = 50;
// The server's palette for tags made without a colour: the form suggests the next one.
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'] as const;

/** Tags (labels for posts): listed with their colour, created, renamed and recoloured, deleted. */
export function TagsSection() {
  const id = useId();
  const notify = useToast();
  const { canManage } = useOrganizationRole();
  const { tags, error, isLoading, reload, create, update, remove } = useTags();
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const color = picked ?? PALETTE[(tags?.length ?? 0) % PALETTE.length] ?? PALETTE[0];

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setAddError('Give the tag a name.');
    setAdding(true);
    setAddError(null);
    try {
      const created = await create(trimmed, color);
      setName('');
      setPicked(null);
      notify(`Tag “${created.name}” added.`);
    } catch (caught) {
      setAddError(toApiError(caught).message);
    } finally {
      setAdding(false);
    }
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="tags">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Tags</h2>
        <p className="muted">
          Labels for posts, chosen in the composer and shown on the calendar.{canManage ? '' : ' Only owners and admins can delete tags.'}
        </p>
      </div>

      <form className={styles.addRow} onSubmit={(event) => void add(event)} noValidate>
        <div className={styles.grow}>
          <label htmlFor={`${id}-name`} className={styles.smallLabel}>
            New tag
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={MAX_NAME}
            placeholder="Tag name"
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={addError ? true : undefined}
            disabled={adding}
          />
        </div>
        <div>
          <label htmlFor={`${id}-color`} className={styles.smallLabel}>
            Colour
          </label>
          <input id={`${id}-color`} type="color" className={styles.colorInput} value={color} onChange={(event) => setPicked(event.target.value)} disabled={adding} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={adding}>
          {adding ? 'Adding…' : 'Add tag'}
        </button>
      </form>
      {addError ? <Alert tone="error">{addError}</Alert> : null}

      {error && !tags ? (
        <LoadError title="The tags could not be loaded" message={error.message} onRetry={() => void reload()} />
      ) : isLoading && !tags ? (
        <LoadingBlock label="Loading tags…" />
      ) : !tags || tags.length === 0 ? (
        <p className={styles.emptyNote}>No tags yet.</p>
      ) : (
        <ul className={styles.itemList} aria-label="Tags">
          {tags.map((tag) => (
            <TagItem
              key={tag.id}
              tag={tag}
              canDelete={canManage}
              editing={editing === tag.id}
              onEdit={() => setEditing(tag.id)}
              onCancel={() => setEditing(null)}
              onSave={async (changes) => {
                const saved = await update(tag, changes);
                setEditing(null);
                notify(`Tag “${saved.name}” saved.`);
              }}
              onDelete={() => setDeleting(tag)}
            />
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the tag ${deleting.name}?` : ''}
        confirmLabel="Delete tag"
        tone="danger"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting);
          notify(`Tag “${deleting.name}” deleted.`);
        }}
      >
        <p>Posts that carry it stop showing it. The posts themselves stay as they are.</p>
      </ConfirmDialog>
    </section>
  );
}

interface TagItemProps {
  tag: Tag;
  canDelete: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (changes: { name?: string; color?: string }) => Promise<void>;
  onDelete: () => void;
}

function TagItem({ tag, canDelete, editing, onEdit, onCancel, onSave, onDelete }: TagItemProps) {
  const id = useId();
  const [draft, setDraft] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const swatch = { '--tag-color': editing ? color : tag.color } as CSSProperties;

  function cancel() {
    setError(null);
    onCancel();
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = draft.trim();
    if (!trimmed) return setError('Give the tag a name.');
    const changes = { ...(trimmed !== tag.name ? { name: trimmed } : {}), ...(color.toLowerCase() !== tag.color.toLowerCase() ? { color } : {}) };
    if (Object.keys(changes).length === 0) return cancel();
    setSaving(true);
    setError(null);
    try {
      await onSave(changes);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(false);
    }
  }

  if (editing) {
    return (
      <li className={styles.item} data-tag={tag.name}>
        <form className={styles.itemForm} onSubmit={(event) => void save(event)} noValidate>
          <span className={styles.swatch} style={swatch} aria-hidden="true" />
          <label htmlFor={`${id}-name`} className="visually-hidden">
            Name of the tag {tag.name}
          </label>
          <input
            id={`${id}-name`}
            className={`input ${styles.itemInput}`}
            value={draft}
            maxLength={MAX_NAME}
            autoComplete="off"
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
            }}
            aria-invalid={error ? true : undefined}
            disabled={saving}
          />
          <label htmlFor={`${id}-color`} className="visually-hidden">
            Colour of the tag {tag.name}
          </label>
          <input id={`${id}-color`} type="color" className={styles.colorInput} value={color} onChange={(event) => setColor(event.target.value)} disabled={saving} />
          <div className={styles.itemActions}>
            <button type="submit" className="btn btn-sm btn-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={cancel} disabled={saving}>
              Cancel
            </button>
          </div>
        </form>
        {error ? <Alert tone="error">{error}</Alert> : null}
      </li>
    );
  }

  return (
    <li className={styles.item} data-tag={tag.name}>
      <div className={styles.itemRow}>
        <span className={styles.itemName}>
          <span className={styles.swatch} style={swatch} aria-hidden="true" />
          <span>{tag.name}</span>
        </span>
        <code className={styles.itemMeta}>{tag.color}</code>
        <div className={styles.itemActions}>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setDraft(tag.name);
              setColor(tag.color);
              onEdit();
            }}
            aria-label={`Edit ${tag.name}`}
          >
            Edit
          </button>
          {canDelete ? (
            <button type="button" className={`btn btn-sm btn-ghost ${styles.danger}`} onClick={onDelete} aria-label={`Delete ${tag.name}`}>
              Delete
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
