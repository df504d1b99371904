'use client';

import { INSTAGRAM_POST_TYPES, FACEBOOK_POST_TYPES, X_WHO_CAN_REPLY } from '@herald/shared';
import type { ChannelSettings, ComposerChannel } from './composer-types';
import styles from './composer.module.css';

const WHO_CAN_REPLY_LABEL: Record<string, string> = {
  everyone: 'Everyone',
  following: 'Accounts you follow',
  mentionedUsers: 'Only accounts you mention',
  subscribers: 'Subscribers',
  verified: 'Verified accounts',
};

interface ChannelSettingsProps {
  channel: ComposerChannel;
  settings: ChannelSettings;
  onChange: (key: string, value: unknown) => void;
  disabled: boolean;
}

function Select({ label, value, options, onChange, disabled }: { label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void; disabled: boolean }) {
  return (
    <label className={styles.setting}>
      <span>{label}</span>
      <select className="select" value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** The few platform options the person chooses per channel. */
export function ChannelSettingsFields({ channel, settings, onChange, disabled }: ChannelSettingsProps) {
  switch (channel.identifier) {
    case 'x':
      return (
        <Select
          label="Who can reply"
          value={String(settings.who_can_reply_post ?? 'everyone')}
          options={X_WHO_CAN_REPLY.map((value) => [value, WHO_CAN_REPLY_LABEL[value] ?? value] as const)}
          onChange={(value) => onChange('who_can_reply_post', value)}
          disabled={disabled}
        />
      );
    case 'instagram':
    case 'instagram-standalone':
      return (
        <Select
          label="Publish as"
          value={String(settings.post_type ?? 'post')}
          options={INSTAGRAM_POST_TYPES.map((value) => [value, capitalised(value)] as const)}
          onChange={(value) => onChange('post_type', value)}
          disabled={disabled}
        />
      );
    case 'facebook':
      return (
        <Select
          label="Publish as"
          value={String(settings.post_type ?? 'post')}
          options={FACEBOOK_POST_TYPES.map((value) => [value, capitalised(value)] as const)}
          onChange={(value) => onChange('post_type', value)}
          disabled={disabled}
        />
      );
  }
}
