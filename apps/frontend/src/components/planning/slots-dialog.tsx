'use client';

import { normalizeSlots, SLOT_TIME, type ChannelSlots } from '@herald/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { getSlots, saveSlots } from '../../hooks/use-planning';
import { useSession } from '../../hooks/use-session';
import { useAction } from '../../hooks/use-action';
import { toApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { Dialog } from '../ui/dialog';
import { LoadingBlock } from '../ui/spinner';
import { timezoneOptions } from '../settings/timezones';
import styles from './planning.module.css';

interface SlotsDialogProps {
  channel: { id: string; name: string } | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** A channel's posting times: "Add to queue" (and the public API's find-slot) take the next free one. */
export function SlotsDialog({ channel, onClose, onSaved }: SlotsDialogProps) {
  const id = useId();
  const { user } = useSession();
  const [loaded, setLoaded] = useState<ChannelSlots | null>(null);
  const [times, setTimes] = useState<string[]>([]);
  const [zone, setZone] = useState('UTC');
  const [draft, setDraft] = useState('09:00');
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const zones = useMemo(() => timezoneOptions(zone), [zone]);

  useEffect(() => {
    if (!channel) return;
    setLoaded(null);
    setLoadError(null);
    getSlots(channel.id).then(
      (slots) => {
        setLoaded(slots);
        setTimes(slots.slots);
        // A channel without its own times starts from the person's zone.
        setZone(slots.custom ? slots.timezone : (user?.timezone ?? slots.timezone));
      },
      (caught: unknown) => setLoadError(toApiError(caught).message),
    );
  }, [channel, user?.timezone]);

  const add = () => {
    if (SLOT_TIME.test(draft)) setTimes((list) => normalizeSlots([...list, draft]));
  };
  const save = async () => {
    if (!channel) return;
    if (await run(() => saveSlots(channel.id, times, zone))) onSaved(`Posting times of ${channel.name} saved.`);
  };

  return (
    <Dialog
      open={channel !== null}
      title={channel ? `Posting times of ${channel.name}` : 'Posting times'}
      onClose={onClose}
      busy={busy}
      size="md"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy || !loaded || times.length === 0}>
            {busy ? 'Saving…' : 'Save times'}
          </button>
        </>
      }
    >
      {loadError ? (
        <Alert tone="error">{loadError}</Alert>
      ) : !loaded ? (
        <LoadingBlock label="Loading the posting times…" />
      ) : (
        <div className={styles.choices} data-slots-dialog>
          <p className={styles.hint}>
            {loaded.custom ? 'Add to queue picks the next of these times that is free.' : 'This channel has no times of its own yet: Herald uses 02:00, 06:40 and 11:40 UTC.'} Recurring posts also keep their local time in this zone.
          </p>
          <div className={styles.field}>
            <label className={styles.label} htmlFor={`${id}-zone`}>
              Time zone
            </label>
            <select id={`${id}-zone`} className="select" value={zone} onChange={(event) => setZone(event.target.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <ul className={styles.times} aria-label="Posting times">
            {times.map((time) => (
              <li key={time} className={styles.time} data-slot={time}>
                {time}
                <button type="button" aria-label={`Remove ${time}`} onClick={() => setTimes((list) => list.filter((t) => t !== time))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className={styles.inline}>
            <input type="time" className="input" aria-label="New posting time" value={draft} onChange={(event) => setDraft(event.target.value)} step={60} />
            <button type="button" className="btn btn-sm" onClick={add}>
              Add time
            </button>
          </div>
        </div>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
