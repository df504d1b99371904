'use client';

import { platformName } from '../../lib/platforms';
import { Avatar } from '../ui/avatar';
import type { ComposerChannel } from './composer-types';
import styles from './composer.module.css';

interface ChannelPickerProps {
  channels: readonly ComposerChannel[];
  selected: readonly string[];
  issueCount: Readonly<Record<string, number>>;
  onToggle: (id: string) => void;
  disabled: boolean;
}

/** Toggle buttons, one per usable channel, with the number of problems each selected one has. */
export function ChannelPicker({ channels, selected, issueCount, onToggle, disabled }: ChannelPickerProps) {
  return (
    <fieldset className={styles.picker}>
      <legend className={styles.sectionLabel}>Channels</legend>
      <div className={styles.pickerList}>
        {channels.map((channel) => {
          const on = selected.includes(channel.id);
          const issues = issueCount[channel.id] ?? 0;
          return (
            <button
              key={channel.id}
              type="button"
              className={styles.chip}
              aria-pressed={on}
              onClick={() => onToggle(channel.id)}
              disabled={disabled || (!channel.available && !on)}
              data-channel-id={channel.id}
              data-platform={channel.identifier}
              title={`${channel.name} · ${platformName(channel.identifier)}${channel.available ? '' : ' (no longer connected)'}`}
            >
              <span className={styles.chipAvatar}>
                <Avatar src={channel.picture} name={channel.name} size={24} />
                <span className={styles.chipMark} data-platform={channel.identifier} aria-hidden="true">
                  {channel.identifier === 'x' ? 'X' : channel.identifier === 'facebook' ? 'f' : 'IG'}
                </span>
              </span>
              <span className={styles.chipName}>{channel.name}</span>
              {on && issues > 0 ? (
                <span className={styles.chipIssues} aria-label={`${issues} ${issues === 1 ? 'issue' : 'issues'}`}>
                  {issues}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
