'use client';

import { useState } from 'react';
import { FACEBOOK_POST_TYPES, INSTAGRAM_GRADUATION_STRATEGIES, INSTAGRAM_LIMITS, INSTAGRAM_POST_TYPES, X_LIMITS, X_WHO_CAN_REPLY } from '@herald/shared';
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

function Checkbox({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; disabled: boolean }) {
  return (
    <label className={styles.settingCheck}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} disabled={disabled} />
      <span>{label}</span>
    </label>
  );
}

function TextField({ label, value, placeholder, hint, onChange, disabled, type = 'text' }: { label: string; value: string; placeholder?: string; hint?: string; onChange: (value: string) => void; disabled: boolean; type?: 'text' | 'url' }) {
  return (
    <label className={styles.setting}>
      <span>{label}</span>
      <input className="input" type={type} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} disabled={disabled} />
      {hint ? <small className={styles.settingHint}>{hint}</small> : null}
    </label>
  );
}

const GRADUATION_LABEL: Record<string, string> = {
  MANUAL: 'I share it to followers myself',
  SS_PERFORMANCE: 'Share to followers if it performs well',
};

const collaboratorsText = (value: unknown): string =>
  Array.isArray(value) ? value.map((c: unknown) => (c !== null && typeof c === 'object' ? String((c as Record<string, unknown>)['label'] ?? '') : '')).join(', ') : '';

/** Usernames as the person types them (commas and all); the setting holds the parsed list. */
function CollaboratorsField({ value, onChange, disabled }: { value: unknown; onChange: (value: { label: string }[] | undefined) => void; disabled: boolean }) {
  const [text, setText] = useState(() => collaboratorsText(value));
  return (
    <TextField
      label="Collaborators"
      value={text}
      placeholder="username, username"
      hint={`Up to ${INSTAGRAM_LIMITS.maxCollaborators} Instagram usernames, separated by commas; each is invited to co-author the post.`}
      onChange={(raw) => {
        setText(raw);
        const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
        onChange(names.length ? names.map((label) => ({ label })) : undefined);
      }}
      disabled={disabled}
    />
  );
}

/** Instagram: the kind of post, then what that kind takes (docs/platforms.md "Instagram options"). */
function InstagramSettingsFields({ settings, onChange, disabled }: Omit<ChannelSettingsProps, 'channel'>) {
  const postType = String(settings.post_type ?? 'post');
  const trial = settings.is_trial_reel === true;
  const setPostType = (value: string) => {
    onChange('post_type', value);
    // Options the new kind cannot take are cleared, so the post is never refused for a field no longer shown.
    if (value !== 'reel') {
      onChange('share_to_feed', undefined);
      onChange('is_trial_reel', undefined);
      onChange('graduation_strategy', undefined);
    }
    if (value === 'story') onChange('collaborators', undefined);
  };
  return (
    <>
      <Select label="Publish as" value={postType} options={INSTAGRAM_POST_TYPES.map((value) => [value, capitalised(value)] as const)} onChange={setPostType} disabled={disabled} />
      {postType !== 'story' ? <CollaboratorsField value={settings.collaborators} onChange={(value) => onChange('collaborators', value)} disabled={disabled} /> : null}
      {postType === 'reel' ? (
        <>
          <Checkbox label="Also show the Reel in the feed" checked={settings.share_to_feed !== false} onChange={(checked) => onChange('share_to_feed', checked)} disabled={disabled} />
          <Checkbox
            label="Trial Reel (shown to non-followers first)"
            checked={trial}
            onChange={(checked) => {
              onChange('is_trial_reel', checked || undefined);
              onChange('graduation_strategy', checked ? String(settings.graduation_strategy ?? 'MANUAL') : undefined);
            }}
            disabled={disabled}
          />
          {trial ? (
            <Select
              label="After the trial"
              value={String(settings.graduation_strategy ?? 'MANUAL')}
              options={INSTAGRAM_GRADUATION_STRATEGIES.map((value) => [value, GRADUATION_LABEL[value] ?? value] as const)}
              onChange={(value) => onChange('graduation_strategy', value)}
              disabled={disabled}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Facebook Pages: the kind of post, and a link for a text post (docs/platforms.md "Facebook options"). */
function FacebookSettingsFields({ settings, onChange, disabled }: Omit<ChannelSettingsProps, 'channel'>) {
  const postType = String(settings.post_type ?? 'post');
  return (
    <>
      <Select
        label="Publish as"
        value={postType}
        options={FACEBOOK_POST_TYPES.map((value) => [value, capitalised(value)] as const)}
        onChange={(value) => {
          onChange('post_type', value);
          if (value !== 'post') onChange('url', undefined);
        }}
        disabled={disabled}
      />
      {postType === 'post' ? (
        <TextField
          label="Link"
          type="url"
          value={typeof settings.url === 'string' ? settings.url : ''}
          placeholder="https://"
          hint="Shown as a link preview; a post with a link has no photos or video."
          onChange={(value) => onChange('url', value.trim() ? value.trim() : undefined)}
          disabled={disabled}
        />
      ) : null}
    </>
  );
}

/** The few platform options the person chooses per channel. */
export function ChannelSettingsFields({ channel, settings, onChange, disabled }: ChannelSettingsProps) {
  switch (channel.identifier) {
    case 'x':
      return <XSettingsFields channel={channel} settings={settings} onChange={onChange} disabled={disabled} />;
    case 'instagram':
    case 'instagram-standalone':
      return <InstagramSettingsFields settings={settings} onChange={onChange} disabled={disabled} />;
    case 'facebook':
      return <FacebookSettingsFields settings={settings} onChange={onChange} disabled={disabled} />;
  }
}
