'use client';

import { useId } from 'react';
import { useSignatures } from '../../hooks/use-planning';
import styles from './planning.module.css';

/** Inserts one of the organization's signatures at the end of the post. */
export function SignaturePicker({ onInsert, disabled }: { onInsert: (content: string) => void; disabled?: boolean }) {
  const id = useId();
  const { signatures } = useSignatures();
  if (!signatures || signatures.length === 0) return null;
  return (
    <div className={styles.field} data-signature-picker>
      <label className={styles.label} htmlFor={id}>
        Signature
      </label>
      <select
        id={id}
        className="select"
        value=""
        disabled={disabled}
        onChange={(event) => {
          const chosen = signatures.find((s) => s.id === event.target.value);
          if (chosen) onInsert(chosen.content);
        }}
      >
        <option value="">Insert a signature…</option>
        {signatures.map((signature) => (
          <option key={signature.id} value={signature.id}>
            {signature.name}
            {signature.default ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
