'use client';

import { INTER_MAX_DAYS, INTER_MIN_DAYS } from '@herald/shared';
import { useId } from 'react';
import styles from './planning.module.css';

const PRESETS: [number, string][] = [
  [1, 'Every day'],
  [7, 'Every week'],
  [14, 'Every 2 weeks'],
  [28, 'Every 4 weeks'],
];

interface RepeatFieldProps {
  value: number | null;
  onChange: (inter: number | null) => void;
  disabled?: boolean;
  /** The zone the repeats keep their time in, for the hint. */
  zoneHint?: string;
}

/** "Repeat every": a recurring post is planned again `inter` days after each publication (the public API's `inter`). */
export function RepeatField({ value, onChange, disabled, zoneHint }: RepeatFieldProps) {
  const id = useId();
  const preset = value === null ? 'none' : PRESETS.some(([days]) => days === value) ? String(value) : 'custom';
  return (
    <div className={styles.field} data-repeat>
      <label className={styles.label} htmlFor={id}>
        Repeat every
      </label>
      <div className={styles.inline}>
        <select
          id={id}
          className="select"
          value={preset}
          disabled={disabled}
          onChange={(event) => {
            const choice = event.target.value;
            onChange(choice === 'none' ? null : choice === 'custom' ? (value ?? 3) : Number(choice));
          }}
        >
          <option value="none">Does not repeat</option>
          {PRESETS.map(([days, label]) => (
            <option key={days} value={days}>
              {label}
            </option>
          ))}
          <option value="custom">Every … days</option>
        </select>
        {preset === 'custom' ? (
          <input
            type="number"
            className={`input ${styles.number}`}
            min={INTER_MIN_DAYS}
            max={INTER_MAX_DAYS}
            value={value ?? ''}
            aria-label="Repeat every how many days"
            disabled={disabled}
            onChange={(event) => {
              const days = Math.round(Number(event.target.value));
              if (Number.isFinite(days)) onChange(Math.min(INTER_MAX_DAYS, Math.max(INTER_MIN_DAYS, days)));
            }}
          />
        ) : null}
      </div>
      {value !== null ? <p className={styles.hint}>Once published, the post is planned again {value === 1 ? 'the next day' : `${value} days later`} at the same local time{zoneHint ? ` (${zoneHint})` : ''}.</p> : null}
    </div>
  );
}
