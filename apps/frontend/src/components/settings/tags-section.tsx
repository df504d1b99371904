'use client';

import { nextTagColor, TAG_NAME_MAX } from '@herald/shared';
import { useId, useState, type CSSProperties } from 'react';
import { useOrganizationRole } from '../../hooks/use-session';
import { useTags } from '../../hooks/use-tags';
import type { Tag } from '../../lib/api-types';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { useToast } from '../ui/toast';
import { AddByNameForm, InlineEditForm, NamedList } from './named-items';
import styles from './settings.module.css';

const BLANK = 'Give the tag a name.';

/** Tags (labels for posts): listed with their colour, created, renamed and recoloured, deleted. */
export function TagsSection() {
  const id = useId();
  const notify = useToast();
  const { canManage } = useOrganizationRole();
  const { tags, error, isLoading, reload, create, update, remove } = useTags();
  const [picked, setPicked] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  // The form suggests the colour the server would give a tag made without one.
  const color = picked ?? nextTagColor(tags?.length ?? 0);

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="tags">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Tags</h2>
        <p className="muted">
          Labels for posts, chosen in the composer and shown on the calendar.{canManage ? '' : ' Only owners and admins can delete tags.'}
        </p>
      </div>

      <AddByNameForm
        label="New tag"
        placeholder="Tag name"
        action="Add tag"
        maxLength={TAG_NAME_MAX}
        blankMessage={BLANK}
        onAdd={async (name) => {
          const created = await create(name, color);
          setPicked(null);
          notify(`Tag “${created.name}” added.`);
        }}
        extra={(busy) => (
          <div>
            <label htmlFor={`${id}-color`} className={styles.smallLabel}>
              Colour
            </label>
            <input id={`${id}-color`} type="color" className={styles.colorInput} value={color} onChange={(event) => setPicked(event.target.value)} disabled={busy} />
          </div>
        )}
      />

      <NamedList items={tags} error={error} isLoading={isLoading} reload={reload} noun="tags" label="Tags">
        {(tag) => (
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
        )}
      </NamedList>

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
  const swatch = { '--tag-color': editing ? color : tag.color } as CSSProperties;

  if (editing) {
    return (
      <InlineEditForm
        dataAttributes={{ 'data-tag': tag.name }}
        label={`Name of the tag ${tag.name}`}
        name={draft}
        onNameChange={setDraft}
        maxLength={TAG_NAME_MAX}
        blankMessage={BLANK}
        onSave={async (name) => {
          const changes = { ...(name !== tag.name ? { name } : {}), ...(color.toLowerCase() !== tag.color.toLowerCase() ? { color } : {}) };
          if (Object.keys(changes).length === 0) return false;
          await onSave(changes);
          return true;
        }}
        onCancel={onCancel}
        before={<span className={styles.swatch} style={swatch} aria-hidden="true" />}
        after={(busy) => (
          <>
            <label htmlFor={`${id}-color`} className="visually-hidden">
              Colour of the tag {tag.name}
            </label>
            <input id={`${id}-color`} type="color" className={styles.colorInput} value={color} onChange={(event) => setColor(event.target.value)} disabled={busy} />
          </>
        )}
      />
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
