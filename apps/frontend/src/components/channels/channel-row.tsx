'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ChannelAction } from '../../hooks/use-integrations';
import { toApiError } from '../../lib/api-error';
import type { Channel, Customer } from '../../lib/api-types';
import { platformName } from '../../lib/platforms';
import { Avatar } from '../ui/avatar';
import { Badge } from '../ui/badge';
import { channelStatus } from './channel-status';
import { CustomerSelect } from './customer-select';
import styles from './channels.module.css';

interface ChannelRowProps {
  channel: Channel;
  /** The organization's customers; undefined while they load (or when this server has none). */
  customers: readonly Customer[] | undefined;
  /** Owners and admins choose the customer; others only see it. */
  canAssign: boolean;
  onAction: (action: ChannelAction) => void;
  onReconnect: () => Promise<void>;
  onAssign: (customerId: string | null) => Promise<void>;
  onNewCustomer: () => void;
  onError: (message: string) => void;
  /** Opens the channel's posting times. */
  onSlots?: () => void;
}

export function ChannelRow({ channel, customers, canAssign, onAction, onReconnect, onAssign, onNewCustomer, onError, onSlots }: ChannelRowProps) {
  const [reconnecting, setReconnecting] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const status = channelStatus(channel);
  const customer = channel.customer ?? null;

  async function assign(customerId: string | null) {
    setAssigning(true);
    try {
      await onAssign(customerId);
    } catch (error) {
      onError(toApiError(error).message);
    } finally {
      setAssigning(false);
    }
  }

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
      <div className={styles.customer} data-customer={customer?.name}>
        {canAssign && customers ? (
          <CustomerSelect channelName={channel.name} current={customer} customers={customers} busy={assigning} onChoose={(id) => void assign(id)} onNew={onNewCustomer} />
        ) : customer ? (
          <span className={styles.customerName} title={`Under the customer ${customer.name}`}>
            <CustomerIcon />
            <span>{customer.name}</span>
          </span>
        ) : null}
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
        {onSlots && !channel.inBetweenSteps ? (
          <button type="button" className="btn btn-sm" onClick={onSlots} aria-label={`Posting times of ${channel.name}`}>
            Posting times
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

function CustomerIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16M16 9h2a2 2 0 0 1 2 2v10M2 21h20M8 7h4M8 11h4M8 15h4" />
    </svg>
  );
}
