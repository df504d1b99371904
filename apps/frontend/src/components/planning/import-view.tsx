'use client';

import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, type ImportRowReport } from '@herald/shared';
import Link from 'next/link';
import { useId, useState } from 'react';
import { importCsv } from '../../hooks/use-planning';
import { useSession } from '../../hooks/use-session';
import { toApiError } from '../../lib/api-error';
import { formatInZone, safeZone } from '../../lib/zoned-time';
import { Alert } from '../ui/alert';
import { PageHeader } from '../ui/page-header';
import settings from '../settings/settings.module.css';
import styles from './planning.module.css';

const EXAMPLE = `${IMPORT_COLUMNS.join(',')}\n2027-01-15 09:00,Bakery X|Bakery Page,"Fresh bread, out of the oven at 9",https://example.com/bread.jpg,schedule\n2027-01-16 12:30,Bakery Page,Lunch specials all week,,draft\n`;

/** Settings → Import: choose a CSV, see every row checked (nothing is created), then import them all at once. */
export function ImportView() {
  const id = useId();
  const { user } = useSession();
  const zone = safeZone(user?.timezone);
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<ImportRowReport[] | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const failing = rows?.filter((r) => !r.ok).length ?? 0;

  async function check(chosen: File) {
    setFile(chosen);
    setRows(null);
    setDone(null);
    setError(null);
    setBusy('check');
    try {
      const report = await importCsv(chosen, true);
      if ('rows' in report) setRows(report.rows);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(null);
    }
  }

  async function run() {
    if (!file) return;
    setBusy('import');
    setError(null);
    try {
      const result = await importCsv(file, false);
      if ('created' in result) setDone(`${result.created} post${result.created === 1 ? '' : 's'} created from ${result.groups.length} row${result.groups.length === 1 ? '' : 's'}.`);
      setRows(null);
      setFile(null);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader title="Import posts" description={`Up to ${IMPORT_MAX_ROWS.toLocaleString('en')} posts from a CSV file. Nothing is created until every row is right.`} />
      <div className={settings.stack} data-import>
        <section className={`card ${settings.section}`} aria-labelledby={`${id}-how`}>
          <div className={settings.sectionHead}>
            <h2 id={`${id}-how`}>The file</h2>
            <p className="muted">
              A first line naming the columns <code className={styles.mono}>{IMPORT_COLUMNS.join(', ')}</code>, then one post per line. <strong>date</strong>: <code className={styles.mono}>2027-01-15 09:00</code> in your time zone ({zone}) or ISO 8601 with an offset. <strong>channels</strong>: names or ids, several separated by <code className={styles.mono}>|</code>. <strong>media</strong> (optional): uploaded files&apos; addresses or https URLs, separated by <code className={styles.mono}>|</code>; URLs are brought into your media library. <strong>type</strong> (optional): <code className={styles.mono}>schedule</code> or <code className={styles.mono}>draft</code>.
            </p>
          </div>
          <div className={settings.actions}>
            <label className="btn btn-primary" htmlFor={`${id}-file`}>
              {busy === 'check' ? 'Checking…' : 'Choose a CSV file'}
            </label>
            <input id={`${id}-file`} className="visually-hidden" type="file" accept=".csv,text/csv" disabled={busy !== null} onChange={(event) => event.target.files?.[0] && void check(event.target.files[0])} data-import-file />
            <a className="btn" href={`data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE)}`} download="herald-import-example.csv">
              Download an example
            </a>
            <Link className="btn btn-ghost" href="/settings">
              Back to settings
            </Link>
          </div>
          {error ? <Alert tone="error">{error}</Alert> : null}
          {done ? (
            <Alert tone="success" action={<Link className="btn btn-sm" href="/calendar">Open the calendar</Link>}>
              {done}
            </Alert>
          ) : null}
        </section>
        {rows ? (
          <section className={`card ${settings.section}`} aria-labelledby={`${id}-preview`} data-import-preview>
            <div className={settings.sectionHead}>
              <h2 id={`${id}-preview`}>{file?.name ?? 'Preview'}</h2>
              <p className="muted" data-import-summary>
                {failing === 0 ? `All ${rows.length} rows are ready. Nothing is created until you import.` : `${failing} of ${rows.length} rows need fixing; nothing will be created until every row is right. Fix the file and choose it again.`}
              </p>
            </div>
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">When</th>
                    <th scope="col">Channels</th>
                    <th scope="col">Post</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.line} data-ok={row.ok} data-line={row.line}>
                      <td className={styles.mono}>{row.line}</td>
                      <td>{row.date ? formatInZone(new Date(row.date), zone, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—'}</td>
                      <td>{row.channels?.join(', ') || '—'}</td>
                      <td>
                        {row.content || <em className="muted">No text</em>}
                        {row.media ? <span className="muted"> · {row.media} media</span> : null}
                        {row.type === 'draft' ? <span className="muted"> · draft</span> : null}
                      </td>
                      <td>
                        {row.ok ? (
                          'Ready'
                        ) : (
                          <ul className={styles.errors}>
                            {row.errors.map((message) => (
                              <li key={message}>{message}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className={settings.actions}>
              <button type="button" className="btn btn-primary" disabled={failing > 0 || busy !== null} onClick={() => void run()}>
                {busy === 'import' ? 'Importing…' : `Import ${rows.length} row${rows.length === 1 ? '' : 's'}`}
              </button>
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
