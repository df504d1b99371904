'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { assignChannel, useCustomers } from '../../hooks/use-customers';
import { useIntegrations, type ChannelAction } from '../../hooks/use-integrations';
import { useOrganizationRole } from '../../hooks/use-session';
import type { Channel } from '../../lib/api-types';
import { platformName } from '../../lib/platforms';
import { LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { EmptyState } from '../ui/empty-state';
import { PageHeader } from '../ui/page-header';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import { AddChannelDialog } from './add-channel-dialog';
import { SlotsDialog } from '../planning/slots-dialog';
import { ChannelRow } from './channel-row';
import { NewCustomerDialog } from './new-customer-dialog';
import styles from './channels.module.css';

interface PendingAction {
  channel: Channel;
  action: ChannelAction;
}

const DONE: Record<ChannelAction, string> = { disable: 'disabled', enable: 'enabled', delete: 'deleted' };

export function ChannelsView() {
  const router = useRouter();
  const notify = useToast();
  const [slotsFor, setSlotsFor] = useState<{ id: string; name: string } | null>(null);
  const { channels, error, isLoading, reload, act, reconnect } = useIntegrations();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [newCustomerFor, setNewCustomerFor] = useState<Channel | null>(null);
  const acknowledged = useRef(false);
  const { role, canManage } = useOrganizationRole();
  const { customers } = useCustomers();

  async function assign(channel: Channel, customerId: string | null) {
    const customer = await assignChannel(channel.id, { customerId });
    notify(customer ? `${channel.name} is now under ${customer.name}.` : `${channel.name} is no longer under a customer.`);
  }

  async function assignNew(channel: Channel, name: string) {
    const customer = await assignChannel(channel.id, { name });
    notify(`${channel.name} is now under ${customer?.name ?? name}.`);
  }

  useEffect(() => {
    // The OAuth callback sends people here with ?connected=<name>; the ref keeps strict mode's
    // second effect run from announcing it twice.
    const connected = new URLSearchParams(window.location.search).get('connected');
    if (connected && !acknowledged.current) {
      acknowledged.current = true;
      notify(`${connected} is connected.`);
      router.replace('/channels');
    }
  }, [notify, router]);

  const list = channels ?? [];

  if (role !== undefined && !canManage) {
    return (
      <>
        <PageHeader title="Channels" description="The social accounts this organization publishes to." />
        <EmptyState title="Owners and admins manage the channels">
          You can post to every channel of the organization from the calendar. To connect, reconnect or remove a channel, ask an owner or an admin.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Channels"
        description="The social accounts this organization publishes to, and the customer each one is for."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            <span aria-hidden="true">+</span> Add channel
          </button>
        }
      />

      {error && !channels ? (
        <LoadError title="Channels could not be loaded" message={error.message} onRetry={() => void reload()} />
      ) : isLoading && !channels ? (
        <LoadingBlock label="Loading channels…" />
      ) : list.length === 0 ? (
        <EmptyState
          title="No channels yet"
          action={
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              Add your first channel
            </button>
          }
        >
          Connect an X account, an Instagram account or a Facebook Page to start scheduling posts.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Connected channels" data-no-customers={!canManage && !list.some((channel) => channel.customer) ? true : undefined}>
          {list.map((channel) => (
            <ChannelRow
              key={channel.id}
              channel={channel}
              customers={customers}
              canAssign={canManage}
              onAction={(action) => setPending({ channel, action })}
              onReconnect={() => reconnect(channel)}
              onAssign={(customerId) => assign(channel, customerId)}
              onNewCustomer={() => setNewCustomerFor(channel)}
              onError={(message) => notify(message, 'error')}
              onSlots={() => setSlotsFor(channel)}
            />
          ))}
        </ul>
      )}

      <AddChannelDialog open={adding} onClose={() => setAdding(false)} />

      <SlotsDialog
        channel={slotsFor}
        onClose={() => setSlotsFor(null)}
        onSaved={(message) => {
          setSlotsFor(null);
          notify(message);
        }}
      />

      <NewCustomerDialog channel={newCustomerFor} onClose={() => setNewCustomerFor(null)} onSubmit={assignNew} />

      <ConfirmDialog
        open={pending !== null}
        title={pending ? confirmTitle(pending) : ''}
        confirmLabel={pending ? confirmLabel(pending.action) : ''}
        tone={pending?.action === 'enable' ? 'primary' : 'danger'}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          await act(pending.channel, pending.action);
          notify(`${pending.channel.name} was ${DONE[pending.action]}.`);
        }}
      >
        {pending ? <p>{confirmBody(pending)}</p> : null}
      </ConfirmDialog>
    </>
  );
}

function confirmTitle({ channel, action }: PendingAction): string {
  if (action === 'delete') return `Delete ${channel.name}?`;
  return `${action === 'disable' ? 'Disable' : 'Enable'} ${channel.name}?`;
}

function confirmLabel(action: ChannelAction): string {
  return action === 'delete' ? 'Delete channel' : action === 'disable' ? 'Disable channel' : 'Enable channel';
}

function confirmBody({ channel, action }: PendingAction): string {
  const where = `${platformName(channel.identifier)} account ${channel.username ? `@${channel.username}` : channel.name}`;
  if (action === 'delete') return `Herald will stop publishing to the ${where} and cancel its queued posts. Published posts stay on ${platformName(channel.identifier)}.`;
  if (action === 'disable') return `Nothing will be published to the ${where} until you enable it again.`;
  return `Herald will publish to the ${where} again.`;
}
