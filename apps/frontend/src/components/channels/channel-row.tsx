'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ChannelAction } from '../../hooks/use-integrations';
import { toApiError } from '../../lib/api-error';
import type { Channel } from '../../lib/api-types';
import { platformName } from '../../lib/platforms';
import { Avatar } from '../ui/avatar';
import { Badge } from '../ui/badge';
import { channelStatus } from './channel-status';
import styles from './channels.module.css';

interface ChannelRowProps {
  channel: Channel;
  onAction: (action: ChannelAction) => void;
  onReconnect: () => Promise<void>;
  onError: (message: string) => void;
}

export function ChannelRow({ channel, onAction, onReconnect, onError }: ChannelRowProps) {
  const [reconnecting, setReconnecting] = useState(false);
  const status = channelStatus(channel);

  async function reconnect() {
    setReconnecting(true);
    try {
      await onReconnect();
    } catch (error) {
      onError(toApiError(error).message);
      setReconnecting(false);
    }
  }

  return (
    <li className={styles.row} data-testid="channel-row" data-disabled={channel.disabled || undefined}>
      <Avatar src={channel.picture} name={channel.name} size={44} />
      <div className={styles.identity}>
        <p className={styles.name}>
          {channel.name}
          {channel.sandbox ? (
            <Badge tone="accent">
              <span title="Connected to the local platform stand-in, not the real platform">Sandbox</span>
            </Badge>
          ) : null}
        </p>
        <p className={styles.meta}>
          <span>{platformName(channel.identifier)}</span>
          {channel.username ? <span>@{channel.username}</span> : null}
        </p>
      </div>
      <div className={styles.status}>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <div className={styles.actions}>
        {channel.inBetweenSteps ? (
          <Link className="btn btn-sm btn-primary" href={`/channels/${encodeURIComponent(channel.id)}/pages`}>
            Finish setup
          </Link>
        ) : null}
        {channel.refreshNeeded && !channel.inBetweenSteps ? (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => void reconnect()} disabled={reconnecting}>
            {reconnecting ? 'Opening…' : 'Reconnect'}
          </button>
        ) : null}
        {!channel.inBetweenSteps ? (
          <button type="button" className="btn btn-sm" onClick={() => onAction(channel.disabled ? 'enable' : 'disable')} aria-label={`${channel.disabled ? 'Enable' : 'Disable'} ${channel.name}`}>
            {channel.disabled ? 'Enable' : 'Disable'}
          </button>
        ) : null}
        <button type="button" className={`btn btn-sm btn-ghost ${styles.delete}`} onClick={() => onAction('delete')} aria-label={`Delete ${channel.name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
