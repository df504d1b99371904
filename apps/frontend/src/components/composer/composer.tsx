'use client';

import { isPlatformIdentifier, type PostIssue } from '@herald/shared';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useIntegrations } from '../../hooks/use-integrations';
import { createPosts, deleteGroup, replaceGroup, usePostGroup } from '../../hooks/use-post-group';
import { deleteOccurrence, deleteSeries, duplicateGroup, nextSlot, replaceOccurrence, useSignatures } from '../../hooks/use-planning';
import { toApiError } from '../../lib/api-error';
import { platformName } from '../../lib/platforms';
import type { PostType } from '../../lib/post-types';
import { formatInZone, fromLocalInput, toLocalInput } from '../../lib/zoned-time';
import { PreviewShare } from '../planning/preview-share';
import { RepeatField } from '../planning/repeat-field';
import { SeriesChoiceDialog, type SeriesScope } from '../planning/series-choice-dialog';
import { SignaturePicker } from '../planning/signature-picker';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { LoadingBlock } from '../ui/spinner';
import { ChannelPicker } from './channel-picker';
import { composerReducer, type ComposerAction } from './composer-reducer';
import { buildBody, channelIssues, defaultDate, initialState, isUploading, stateFromGroup } from './composer-state';
import type { ComposerChannel, ComposerRequest } from './composer-types';
import { EditorPanel } from './editor-panel';
import { GroupStatus } from './group-status';
import { ChannelPreview } from './previews';
import { serverIssuesByChannel, type ServerIssue } from './server-issues';
import { TagPicker } from './tag-picker';
import styles from './composer.module.css';

interface ComposerProps {
  request: ComposerRequest;
  timeZone: string;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Busy = PostType | 'delete' | 'queue' | null;

interface SubmitOptions {
  /** A recurring post's edit: this occurrence only, or the series. */
  scope?: SeriesScope;
  /** "Add to queue": the next free posting time instead of the chosen date. */
  date?: Date;
}

const SAVED: Record<PostType, string> = {
  draft: 'Draft saved.',
  schedule: 'Added to the calendar.',
  now: 'Publishing now.',
  update: 'Saved.',
};

export function Composer({ request, timeZone, onClose, onSaved }: ComposerProps) {
  const editing = request.mode === 'edit' ? request.postId : null;
  const { load, retryLoad } = usePostGroup(editing);
  const { channels: connected, error: channelsError } = useIntegrations();
  const [state, apply] = useReducer(composerReducer, undefined, () => initialState(request.mode === 'create' && request.date ? request.date : defaultDate(), timeZone));
  const [loaded, setLoaded] = useState(request.mode === 'create');
  const [busy, setBusy] = useState<Busy>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [askSeries, setAskSeries] = useState<{ action: 'save'; type: PostType; date?: Date } | { action: 'delete' } | null>(null);
  const { signatures } = useSignatures(request.mode === 'create');
  const signed = useRef(false);
  // Every change the person makes (not loading the group, not upload progress) makes closing ask first.
  const dispatch = useCallback((action: ComposerAction) => {
    if (action.type !== 'load' && action.type !== 'update-media') setDirty(true);
    apply(action);
  }, []);
  const requestClose = () => (dirty ? setConfirmDiscard(true) : onClose());
  const group = load.kind === 'loaded' ? load.group : null;

  useEffect(() => {
    if (group) {
      dispatch({ type: 'load', state: stateFromGroup(group, timeZone) });
      setLoaded(true);
    }
  }, [group, timeZone, dispatch]);

  // A new post starts with the organization's default signature (added once, not counted as a change).
  useEffect(() => {
    if (request.mode !== 'create' || signed.current || !signatures) return;
    signed.current = true;
    const signature = signatures.find((s) => s.default);
    if (signature) apply({ type: 'append-text', text: signature.content });
  }, [request.mode, signatures]);

  // Server issues describe the text that was sent; once the person edits, they are stale.
  useEffect(() => setServerIssues([]), [state.shared, state.overrides, state.selected, state.settings]);

  const channels = useMemo<ComposerChannel[]>(() => {
    const usable: ComposerChannel[] = (connected ?? [])
      .filter((c) => !c.disabled && !c.inBetweenSteps && isPlatformIdentifier(c.identifier))
      .map((c) => ({ id: c.id, name: c.name, identifier: c.identifier as ComposerChannel['identifier'], picture: c.picture, username: c.username, available: true, ...(c.premium ? { premium: true } : {}) }));
    for (const channel of group?.posts ?? []) {
      const { id, name, providerIdentifier, picture } = channel.integration;
      if (!usable.some((c) => c.id === id) && isPlatformIdentifier(providerIdentifier)) usable.push({ id, name, identifier: providerIdentifier, picture, username: null, available: false });
    }
    return usable;
  }, [connected, group]);

  const selectedChannels = useMemo(() => state.selected.flatMap((id) => channels.filter((c) => c.id === id)), [state.selected, channels]);
  const liveIssues = useMemo(() => new Map(selectedChannels.map((c) => [c.id, channelIssues(state, c)])), [selectedChannels, state]);
  const fromServer = useMemo(() => serverIssuesByChannel(serverIssues), [serverIssues]);
  const issuesOf = (id: string): (PostIssue | ServerIssue)[] => [...(liveIssues.get(id) ?? []), ...(fromServer.get(id) ?? [])];
  const issueCount = Object.fromEntries(state.selected.map((id) => [id, issuesOf(id).length]));
  const totalLive = [...liveIssues.values()].reduce((sum, list) => sum + list.length, 0);
  const when = fromLocalInput(state.date, timeZone);
  const published = group?.posts.some((p) => p.value[0]?.state === 'PUBLISHED' || p.value[0]?.state === 'UNCONFIRMED') ?? false;
  const inPast = !published && when !== undefined && when.getTime() < Date.now();

  async function submit(type: PostType, options: SubmitOptions = {}) {
    setFormError(null);
    if (isUploading(state)) return setFormError('Wait until the uploads have finished.');
    if (type !== 'draft' && totalLive > 0) return setFormError(`Fix the ${totalLive === 1 ? 'issue' : `${totalLive} issues`} marked below first, or save a draft.`);
    const built = buildBody(state, channels, type, timeZone);
    if (!built.ok) return setFormError(built.message);
    const body = options.date ? { ...built.body, date: options.date.toISOString() } : built.body;
    // A recurring post asks first whether the change is for this post or the whole series.
    if (group?.inter && !options.scope) return setAskSeries({ action: 'save', type, ...(options.date ? { date: options.date } : {}) });
    setBusy(type);
    try {
      if (group && options.scope === 'occurrence') await replaceOccurrence(group.group, body);
      else if (group) await replaceGroup(group.group, body);
      else await createPosts(body);
      onSaved(options.date ? `Added to the queue for ${formatInZone(options.date, timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}.` : SAVED[type]);
    } catch (caught) {
      const error = toApiError(caught);
      const detailed = toServerIssues(error.details, built.body.posts.map((p) => p.integration.id));
      setServerIssues(detailed);
      setFormError(detailed.length > 0 ? `${error.message} The channels concerned are marked.` : error.message);
      setBusy(null);
    }
  }

  /** "Add to queue": the first posting time free on every chosen channel. */
  async function queue() {
    if (state.selected.length === 0) return setFormError('Choose at least one channel.');
    setBusy('queue');
    try {
      const date = await nextSlot(state.selected);
      apply({ type: 'set-date', date: toLocalInput(date, timeZone) });
      setBusy(null);
      await submit('schedule', { date });
    } catch (caught) {
      setFormError(toApiError(caught).message);
      setBusy(null);
    }
  }

  const title = request.mode === 'edit' ? 'Edit post' : 'New post';
  const locked = busy !== null;

  const footer = (
    <>
        {group ? (
          <button type="button" className="btn btn-ghost" onClick={() => (group.inter ? setAskSeries({ action: 'delete' }) : setConfirmDelete(true))} disabled={locked}>
            Delete
          </button>
        ) : null}
        {group ? (
          <button type="button" className="btn btn-ghost" disabled={locked} onClick={() => void duplicateGroup(group.group).then(() => onSaved('Duplicated as a draft.'), (caught: unknown) => setFormError(toApiError(caught).message))}>
            Duplicate
          </button>
        ) : null}
        <span className={styles.actionsSpacer} />
        <button type="button" className="btn" onClick={() => void submit('draft')} disabled={locked || !loaded}>
          {busy === 'draft' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" className="btn" onClick={() => void submit('now')} disabled={locked || !loaded}>
          {busy === 'now' ? 'Posting…' : 'Post now'}
        </button>
        {published ? null : (
          <button type="button" className="btn" onClick={() => void queue()} disabled={locked || !loaded} title="The next free posting time of the chosen channels">
            {busy === 'queue' ? 'Finding a time…' : 'Add to queue'}
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={() => void submit('schedule')} disabled={locked || !loaded}>
          {busy === 'schedule' ? 'Saving…' : group ? 'Update' : 'Add to calendar'}
        </button>
    </>
  );

  return (
    <Dialog open title={title} onClose={requestClose} size="xl" busy={locked} footer={footer}>
      {load.kind === 'failed' ? (
        <LoadError title="This post could not be loaded" message={load.error.message} onRetry={retryLoad} />
      ) : !loaded || (connected === undefined && !channelsError) ? (
        <LoadingBlock label="Loading the post…" />
      ) : (
        <div className={styles.layout} data-composer>
          <div className={styles.editor}>
            {group ? <GroupStatus group={group} onRetried={() => onSaved('The post is queued again.')} /> : null}
            {published ? <Alert tone="info">Part of this post is already published. Saving changes here does not edit what is on the platforms; Herald refuses to publish it again by accident.</Alert> : null}
            {channels.length === 0 ? (
              <Alert tone="info">No channel can publish yet. Connect one on the Channels page first.</Alert>
            ) : (
              <ChannelPicker channels={channels} selected={state.selected} issueCount={issueCount} onToggle={(id) => dispatch({ type: 'toggle-channel', id })} disabled={locked} />
            )}
            <EditorPanel state={state} channels={selectedChannels} issuesOf={issuesOf} dispatch={dispatch} disabled={locked} />
            <div className={styles.meta}>
              <div className={styles.when}>
                <label className={styles.sectionLabel} htmlFor="composer-date">
                  Publish at <span className="muted">({timeZone})</span>
                </label>
                <input id="composer-date" type="datetime-local" className="input" value={state.date} step={60} onChange={(event) => dispatch({ type: 'set-date', date: event.target.value })} disabled={locked} />
                {inPast ? <p className={styles.hint}>This time has passed: scheduling publishes right away.</p> : null}
              </div>
              <RepeatField value={state.inter} onChange={(inter) => dispatch({ type: 'set-inter', inter })} disabled={locked} zoneHint="each channel's posting-times zone" />
              <SignaturePicker onInsert={(text) => dispatch({ type: 'append-text', text })} disabled={locked} />
              <TagPicker
                selected={state.tags}
                onToggle={(name) => dispatch({ type: 'toggle-tag', name })}
                onSelect={(name) => dispatch({ type: 'add-tag', name })}
                disabled={locked}
              />
            </div>
            {group ? <PreviewShare group={group.group} timeZone={timeZone} /> : null}
          </div>
          <aside className={styles.previews} aria-label="Previews">
            <h3 className={styles.sectionLabel}>Preview</h3>
            {selectedChannels.length === 0 ? <p className="muted">Choose a channel to see how the post will look there.</p> : null}
            {selectedChannels.map((channel) => (
              <div key={channel.id} className={styles.previewBlock} data-preview={channel.identifier}>
                <p className={styles.previewLabel}>
                  {channel.name} · {platformName(channel.identifier)}
                </p>
                <ChannelPreview channel={channel} entries={state.overrides[channel.id] ?? state.shared} when={when} timeZone={timeZone} />
              </div>
            ))}
          </aside>
        </div>
      )}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <SeriesChoiceDialog
        action={askSeries?.action ?? null}
        onClose={() => setAskSeries(null)}
        onChoose={async (scope) => {
          const asked = askSeries;
          if (!group || !asked) return;
          if (asked.action === 'save') return submit(asked.type, { scope, ...(asked.date ? { date: asked.date } : {}) });
          await (scope === 'occurrence' ? deleteOccurrence(group.group) : deleteSeries(group.group));
          onSaved(scope === 'occurrence' ? 'Post deleted; the series goes on.' : 'Series deleted.');
        }}
      />
      <ConfirmDialog open={confirmDiscard} title="Discard your changes?" tone="danger" confirmLabel="Discard" onConfirm={() => Promise.resolve(onClose())} onClose={() => setConfirmDiscard(false)}>
        <p>What you wrote in this post has not been saved.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this post?"
        tone="danger"
        confirmLabel="Delete"
        onConfirm={async () => {
          if (!group) return;
          await deleteGroup(group.group);
          onSaved('Post deleted.');
        }}
        onClose={() => setConfirmDelete(false)}
      >
        <p>It is removed from every channel of this post that has not published it yet. Posts already published stay on the platforms.</p>
      </ConfirmDialog>
    </Dialog>
  );
}

function toServerIssues(details: unknown, order: readonly string[]): ServerIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const d = detail as Record<string, unknown>;
    if (typeof d.message !== 'string') return [];
    const field = typeof d.field === 'string' ? d.field : '';
    const index = /^posts\.(\d+)/.exec(field)?.[1];
    const channel = typeof d.channel === 'string' ? d.channel : index !== undefined ? order[Number(index)] : undefined;
    if (!channel) return [];
    return [{ channel, field: field.replace(/^posts\.\d+\.?/, ''), message: d.message, code: typeof d.code === 'string' ? d.code : 'server', fromServer: true as const }];
  });
}
