'use client';

import { useState, type Dispatch, type KeyboardEvent } from 'react';
import { platformName, platformShortName } from '../../lib/platforms';
import { ChannelSettingsFields } from './channel-settings';
import type { ComposerAction } from './composer-reducer';
import { settingsFor } from './composer-state';
import type { ComposerChannel, ComposerState } from './composer-types';
import type { AnyIssue } from './server-issues';
import { ThreadEditor } from './thread-editor';
import styles from './composer.module.css';

interface EditorPanelProps {
  state: ComposerState;
  /** The selected channels, in selection order. */
  channels: readonly ComposerChannel[];
  issuesOf: (channelId: string) => AnyIssue[];
  dispatch: Dispatch<ComposerAction>;
  disabled: boolean;
}

type NamedIssue = AnyIssue & { channelName: string };

/** "All channels" edits the shared text; a channel's tab holds its settings and, if wanted, its own text. */
export function EditorPanel({ state, channels, issuesOf, dispatch, disabled }: EditorPanelProps) {
  const [tab, setTab] = useState<string>('shared');
  const active = tab === 'shared' ? null : (channels.find((c) => c.id === tab) ?? null);
  const tabs = ['shared', ...channels.map((c) => c.id)];
  const named = (channel: ComposerChannel): NamedIssue[] => issuesOf(channel.id).map((issue) => ({ ...issue, channelName: channel.name }));
  const sharedChannels = channels.filter((c) => !state.overrides[c.id]);

  function onKey(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.indexOf(active ? active.id : 'shared');
    const next = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const id = tabs[(next + tabs.length) % tabs.length] ?? 'shared';
    setTab(id);
    event.currentTarget.querySelector<HTMLElement>(`[data-tab="${id}"]`)?.focus();
  }

  return (
    <div className={styles.panel}>
      <div className={styles.tabs} role="tablist" aria-label="Text for" onKeyDown={onKey}>
        <button type="button" role="tab" data-tab="shared" aria-selected={!active} tabIndex={active ? -1 : 0} className={styles.tab} onClick={() => setTab('shared')}>
          All channels
        </button>
        {channels.map((channel) => (
          <button
            key={channel.id}
            type="button"
            role="tab"
            data-tab={channel.id}
            aria-selected={active?.id === channel.id}
            tabIndex={active?.id === channel.id ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(channel.id)}
          >
            {channel.name} <span className={styles.tabNote}>· {platformShortName(channel.identifier)}</span>
            {state.overrides[channel.id] ? <span className={styles.tabNote}> · own text</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" className={styles.tabPanel}>
        {!active ? (
          sharedChannels.length === 0 && channels.length > 0 ? (
            <p className="muted">Every chosen channel has its own text; edit it in its tab.</p>
          ) : (
            <ThreadEditor
              target="shared"
              entries={state.shared}
              channels={sharedChannels}
              issues={sharedChannels.flatMap(named)}
              dispatch={dispatch}
              disabled={disabled}
              settingsOf={(channel) => settingsFor(state, channel)}
            />
          )
        ) : (
          <ChannelTab channel={active} state={state} issues={named(active)} dispatch={dispatch} disabled={disabled} />
        )}
      </div>
    </div>
  );
}

function ChannelTab({ channel, state, issues, dispatch, disabled }: { channel: ComposerChannel; state: ComposerState; issues: NamedIssue[]; dispatch: Dispatch<ComposerAction>; disabled: boolean }) {
  const own = state.overrides[channel.id];
  return (
    <div className={styles.channelTab}>
      <div className={styles.channelTabHead}>
        <p className="muted">
          {platformName(channel.identifier)} · {own ? 'this channel has its own text' : 'uses the text of All channels'}
        </p>
        {own ? (
          <button type="button" className="btn btn-sm" onClick={() => dispatch({ type: 'reset-override', channel: channel.id })} disabled={disabled}>
            Use the shared text
          </button>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => dispatch({ type: 'customize', channel: channel.id })} disabled={disabled}>
            Customize for {channel.name}
          </button>
        )}
      </div>
      <ChannelSettingsFields channel={channel} settings={settingsFor(state, channel)} onChange={(key, value) => dispatch({ type: 'set-setting', channel: channel.id, key, value })} disabled={disabled} />
      {own ? (
        <ThreadEditor target={{ channel: channel.id }} entries={own} channels={[channel]} issues={issues} dispatch={dispatch} disabled={disabled} settingsOf={(c) => settingsFor(state, c)} />
      ) : issues.length > 0 ? (
        <ul className={styles.issues}>
          {issues.map((issue, i) => (
            <li key={`${issue.code}-${i}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
