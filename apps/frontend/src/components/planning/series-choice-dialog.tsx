'use client';

import { useAction } from '../../hooks/use-action';
import { Alert } from '../ui/alert';
import { Dialog } from '../ui/dialog';
import styles from './planning.module.css';

export type SeriesScope = 'occurrence' | 'series';

interface SeriesChoiceDialogProps {
  /** What is asked: saving changes, or deleting. */
  action: 'save' | 'delete' | null;
  onChoose: (scope: SeriesScope) => Promise<void>;
  onClose: () => void;
}

const TEXT = {
  save: {
    title: 'Change this post or the whole series?',
    occurrence: ['Only this post', 'The series goes on as it was; this post no longer repeats.'],
    series: ['The whole series', 'This post and every repeat planned after it get the changes.'],
  },
  delete: {
    title: 'Delete this post or the whole series?',
    occurrence: ['Only this post', 'The next repeat is planned, so the series goes on.'],
    series: ['The whole series', 'Every post of the series leaves Herald; those already published stay on the platforms.'],
  },
} as const;

/** The question a recurring post asks before an edit or a delete. */
export function SeriesChoiceDialog({ action, onChoose, onClose }: SeriesChoiceDialogProps) {
  const { busy, error, setError, run } = useAction();
  const text = TEXT[action ?? 'save'];
  const close = () => {
    setError(null);
    onClose();
  };
  const choose = async (scope: SeriesScope) => {
    if (await run(() => onChoose(scope))) close();
  };
  return (
    <Dialog
      open={action !== null}
      title={text.title}
      onClose={close}
      busy={busy}
      footer={
        <button type="button" className="btn" onClick={close} disabled={busy}>
          Cancel
        </button>
      }
    >
      <div className={styles.choices} data-series-choice>
        {(['occurrence', 'series'] as const).map((scope) => (
          <button key={scope} type="button" className={styles.choice} onClick={() => void choose(scope)} disabled={busy} data-autofocus={scope === 'occurrence' || undefined}>
            <strong>{text[scope][0]}</strong>
            <span className="muted">{text[scope][1]}</span>
          </button>
        ))}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
