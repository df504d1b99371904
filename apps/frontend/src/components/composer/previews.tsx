'use client';

import { countForPlatform, instagramCaptionPreview } from '@herald/shared';
import { useState } from 'react';
import { formatInZone } from '../../lib/zoned-time';
import { Avatar } from '../ui/avatar';
import { PreviewIcon } from './preview-icons';
import type { ComposerChannel, DraftEntry, MediaItem } from './composer-types';
import styles from './composer.module.css';

interface PreviewProps {
  channel: ComposerChannel;
  entries: readonly DraftEntry[];
  when: Date | undefined;
  timeZone: string;
}

function Media({ item, className }: { item: MediaItem; className?: string }) {
  if (item.mime.startsWith('video/')) return <video className={className} src={item.previewUrl} muted playsInline preload="metadata" aria-label={item.name} />;
  return <img className={className} src={item.previewUrl} alt="" />;
}

function MediaGrid({ media }: { media: readonly MediaItem[] }) {
  const shown = media.filter((m) => m.status !== 'failed').slice(0, 4);
  if (shown.length === 0) return null;
  return (
    <div className={styles.mediaGrid} data-count={shown.length}>
      {shown.map((item) => (
        <Media key={item.key} item={item} />
      ))}
    </div>
  );
}

/** X's post card: text up to the weighted limit, the overflow marked as X marks it. */
function XPost({ channel, entry, when, timeZone, reply }: { channel: ComposerChannel; entry: DraftEntry; when: Date | undefined; timeZone: string; reply: boolean }) {
  const counted = countForPlatform('x', entry.text, { premium: channel.premium ?? false });
  // Highlight the overflow by characters; exact for plain text, close for emoji and links.
  const cut = counted.over ? Math.max(0, entry.text.length - (counted.count - counted.limit)) : entry.text.length;
  return (
    <article className={styles.xPost} data-reply={reply || undefined}>
      <Avatar src={channel.picture} name={channel.name} size={36} />
      <div className={styles.xBody}>
        <header className={styles.xHead}>
          <strong>{channel.name}</strong>
          <span className="muted">@{channel.username ?? 'account'}</span>
          <span className="muted">· {when ? formatInZone(when, timeZone, { month: 'short', day: 'numeric' }) : 'now'}</span>
        </header>
        <p className={styles.previewText}>
          {entry.text.slice(0, cut)}
          {cut < entry.text.length ? <mark className={styles.overflow}>{entry.text.slice(cut)}</mark> : null}
          {!entry.text && entry.media.length === 0 ? <span className="muted">Your post…</span> : null}
        </p>
        <MediaGrid media={entry.media} />
        <footer className={styles.xActions} aria-hidden="true">
          <PreviewIcon name="comment" />
          <PreviewIcon name="repost" />
          <PreviewIcon name="heart" />
          <PreviewIcon name="chart" />
        </footer>
      </div>
    </article>
  );
}

function XPreview({ channel, entries, when, timeZone }: PreviewProps) {
  return (
    <div className={styles.xCard}>
      {entries.map((entry, index) => (
        <XPost key={entry.key} channel={channel} entry={entry} when={when} timeZone={timeZone} reply={index > 0} />
      ))}
    </div>
  );
}

/** Instagram's square with the caption cut where the feed cuts it, and "more" to see the rest. */
function InstagramPreview({ channel, entries }: PreviewProps) {
  const [expanded, setExpanded] = useState(false);
  const first = entries[0];
  const media = first?.media.filter((m) => m.status !== 'failed') ?? [];
  const caption = first?.text ?? '';
  const preview = instagramCaptionPreview(caption);
  const handle = channel.username ?? channel.name;
  return (
    <div className={styles.igCard}>
      <header className={styles.igHead}>
        <Avatar src={channel.picture} name={channel.name} size={28} />
        <strong>{handle}</strong>
      </header>
      <div className={styles.igSquare}>
        {media[0] ? <Media item={media[0]} className={styles.igImage} /> : <span className={styles.igEmpty}>Instagram needs a photo or video</span>}
        {media.length > 1 ? <span className={styles.igCount}>1/{media.length}</span> : null}
      </div>
      <div className={styles.igActions} aria-hidden="true">
        <PreviewIcon name="heart" />
        <PreviewIcon name="comment" />
        <PreviewIcon name="send" />
      </div>
      <p className={styles.igCaption}>
        <strong>{handle}</strong>{' '}
        <span className={styles.previewText} data-caption-preview>
          {expanded || !preview.truncated ? caption.trimEnd() : preview.text}
        </span>
        {preview.truncated && !expanded ? (
          <>
            {'… '}
            <button type="button" className={styles.linkButton} onClick={() => setExpanded(true)}>
              more
            </button>
          </>
        ) : null}
      </p>
      {entries.slice(1).map((entry) => (
        <p key={entry.key} className={styles.igComment}>
          <strong>{handle}</strong> {entry.text}
        </p>
      ))}
    </div>
  );
}


/** A Facebook Page post with its comments. */
function FacebookPreview({ channel, entries, when, timeZone }: PreviewProps) {
  const first = entries[0];
  return (
    <div className={styles.fbCard}>
      <header className={styles.fbHead}>
        <Avatar src={channel.picture} name={channel.name} size={36} />
        <div>
          <strong>{channel.name}</strong>
          <p className="muted">{when ? formatInZone(when, timeZone, { month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : 'Just now'} · <PreviewIcon name="globe" />
          </p>
        </div>
      </header>
      <p className={styles.previewText}>{first?.text || <span className="muted">Write something…</span>}</p>
      {first ? <MediaGrid media={first.media} /> : null}
      <footer className={styles.fbActions} aria-hidden="true">
        <PreviewIcon name="like" label="Like" />
        <PreviewIcon name="comment" label="Comment" />
        <PreviewIcon name="share" label="Share" />
      </footer>
      {entries.slice(1).map((entry) => (
        <div key={entry.key} className={styles.fbComment}>
          <Avatar src={channel.picture} name={channel.name} size={24} />
          <p>
            <strong>{channel.name}</strong> {entry.text}
          </p>
        </div>
      ))}
    </div>
  );
}

export function ChannelPreview(props: PreviewProps) {
  switch (props.channel.identifier) {
    case 'x':
      return <XPreview {...props} />;
    case 'instagram':
    case 'instagram-standalone':
      return <InstagramPreview {...props} />;
    case 'facebook':
      return <FacebookPreview {...props} />;
  }
}
