'use client';

import { INSTAGRAM_POST_TYPES, FACEBOOK_POST_TYPES, X_LIMITS, X_WHO_CAN_REPLY } from '@herald/shared';
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

function Check({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (value: boolean) => void; disabled: boolean }) {
  return (
    <label className={styles.check}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} disabled={disabled} />
      <span>{label}</span>
    </label>
  );
}

const POLL_DURATIONS: readonly (readonly [string, string])[] = [
  ['5', '5 minutes'],
  ['60', '1 hour'],
  ['1440', '1 day'],
  ['4320', '3 days'],
  ['10080', '7 days'],
];

interface PollValue {
  options: string[];
  duration_minutes: number;
}

function pollOf(settings: ChannelSettings): PollValue | null {
  const poll = settings.poll;
  if (typeof poll !== 'object' || poll === null) return null;
  const { options, duration_minutes: minutes } = poll as Partial<PollValue>;
  return { options: Array.isArray(options) ? options.map(String) : [], duration_minutes: typeof minutes === 'number' ? minutes : 1440 };
}

/** X's poll (POST /2/tweets `poll`): 2 to 4 choices of up to 25 characters; X takes no media with it. */
function XPollFields({ settings, onChange, disabled }: Omit<ChannelSettingsProps, 'channel'>) {
  const poll = pollOf(settings);
  const set = (next: PollValue | null) => onChange('poll', next ?? undefined);
  const choices = Array.from({ length: X_LIMITS.pollMaxOptions }, (_, i) => poll?.options[i] ?? '');
  return (
    <>
      <Check label="Poll" checked={poll !== null} onChange={(on) => set(on ? { options: [], duration_minutes: 1440 } : null)} disabled={disabled} />
      {poll ? (
        <fieldset className={styles.xOptions}>
          <legend className="visually-hidden">Poll</legend>
          {choices.map((choice, i) => (
            <label key={i} className={styles.setting}>
              <span>
                Choice {i + 1}
                {i >= X_LIMITS.pollMinOptions ? ' (optional)' : ''}
              </span>
              <input
                className="input"
                type="text"
                value={choice}
                maxLength={X_LIMITS.pollOptionMaxLength}
                onChange={(event) => set({ ...poll, options: choices.map((c, j) => (j === i ? event.target.value : c)).filter((c) => c !== '') })}
                disabled={disabled}
              />
            </label>
          ))}
          <Select label="Poll length" value={String(poll.duration_minutes)} options={POLL_DURATIONS} onChange={(value) => set({ ...poll, duration_minutes: Number(value) })} disabled={disabled} />
        </fieldset>
      ) : null}
    </>
  );
}

/**
 * X's options, each one a field of POST /2/tweets (docs/platforms.md, "X: the options of a post"). X's API has no field for an
 * Article or for scheduling on X's side, so they are not offered; the length follows the account's subscription.
 */
function XSettingsFields({ channel, settings, onChange, disabled }: ChannelSettingsProps) {
  const limit = channel.premium ? X_LIMITS.premiumMaxWeightedLength : X_LIMITS.maxWeightedLength;
  return (
    <div className={styles.xOptions}>
      <Select
        label="Who can reply"
        value={String(settings.who_can_reply_post ?? 'everyone')}
        options={X_WHO_CAN_REPLY.map((value) => [value, WHO_CAN_REPLY_LABEL[value] ?? value] as const)}
        onChange={(value) => onChange('who_can_reply_post', value)}
        disabled={disabled}
      />
      <label className={styles.setting}>
        <span>Community (optional)</span>
        <input
          className="input"
          type="url"
          value={typeof settings.community === 'string' ? settings.community : ''}
          placeholder="https://x.com/i/communities/1493446837214187523"
          pattern="https://x\.com/i/communities/[0-9]+"
          onChange={(event) => onChange('community', event.target.value)}
          disabled={disabled}
        />
      </label>
      <Check label="Made with AI" checked={settings.made_with_ai === true} onChange={(value) => onChange('made_with_ai', value)} disabled={disabled} />
      <Check label="Paid partnership" checked={settings.paid_partnership === true} onChange={(value) => onChange('paid_partnership', value)} disabled={disabled} />
      <XPollFields settings={settings} onChange={onChange} disabled={disabled} />
      <p className={styles.settingNote}>
        {channel.premium
          ? `Up to ${limit.toLocaleString('en')} characters a post: this account has an X subscription.`
          : `Up to ${limit} characters a post (${X_LIMITS.premiumMaxWeightedLength.toLocaleString('en')} with an X subscription).`}{' '}
        Up to {X_LIMITS.maxImages} images, or 1 video or GIF; alt text on images and GIFs, up to {X_LIMITS.maxAltTextLength.toLocaleString('en')} characters. X&apos;s API cannot publish Articles.
      </p>
    </div>
  );
}

const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** The few platform options the person chooses per channel. */
export function ChannelSettingsFields({ channel, settings, onChange, disabled }: ChannelSettingsProps) {
  switch (channel.identifier) {
    case 'x':
      return <XSettingsFields channel={channel} settings={settings} onChange={onChange} disabled={disabled} />;
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
