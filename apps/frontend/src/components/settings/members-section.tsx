'use client';

import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../../hooks/use-action';
import { useOrganizationRole, useSession } from '../../hooks/use-session';
import { useTeam } from '../../hooks/use-team';
import type { CreatedInvitation, Invitation, Member, TeamRole } from '../../lib/api-types';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CopyButton } from '../ui/copy-button';
import { LoadingBlock } from '../ui/spinner';
import { useToast } from '../ui/toast';
import styles from './settings.module.css';

const ROLE_LABELS: Record<TeamRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function day(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * Settings → Members (owners and admins): invite by email or by a link to copy, pending invitations, roles,
 * removal, and the transfer of the organization (owners).
 */
export function MembersSection() {
  const id = useId();
  const notify = useToast();
  const { user } = useSession();
  const { isOwner } = useOrganizationRole();
  const team = useTeam();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [transferring, setTransferring] = useState<Member | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const owners = team.members?.filter((m) => m.role === 'OWNER').length ?? 0;

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${id}-title`} id="members">
      <div className={styles.sectionHead}>
        <h2 id={`${id}-title`}>Members</h2>
        <p className="muted">
          Owners can do everything. Admins manage channels, customers, tags, the API key and the members below the owners. Members work on posts,
          media and the calendar.
        </p>
      </div>

      <InviteForm emailConfigured={user?.emailConfigured ?? false} onInvite={team.invite} />

      {team.invitations && team.invitations.length > 0 ? (
        <div>
          <h3 className={styles.subhead}>Pending invitations</h3>
          <ul className={styles.itemList} aria-label="Pending invitations">
            {team.invitations.map((invitation) => (
              <li key={invitation.id} className={styles.item} data-invitation={invitation.email}>
                <div className={styles.itemRow}>
                  <span className={styles.itemName}>{invitation.email}</span>
                  <span className={styles.itemMeta}>
                    {ROLE_LABELS[invitation.role]} · until {day(invitation.expiresAt)}
                  </span>
                  <div className={styles.itemActions}>
                    <button type="button" className={`btn btn-sm btn-ghost ${styles.danger}`} onClick={() => setRevoking(invitation)} aria-label={`Revoke the invitation of ${invitation.email}`}>
                      Revoke
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {team.membersError && !team.members ? (
        <LoadError title="The members could not be loaded" message={team.membersError.message} onRetry={() => void team.reload()} />
      ) : !team.members ? (
        <LoadingBlock label="Loading members…" />
      ) : (
        <ul className={styles.itemList} aria-label="Members">
          {team.members.map((member) => (
            <MemberItem
              key={member.userId}
              member={member}
              isSelf={member.userId === user?.id}
              actorIsOwner={isOwner}
              lastOwner={member.role === 'OWNER' && owners === 1}
              onRole={async (role) => {
                await team.setRole(member, role);
                notify(`${member.email} is now ${ROLE_LABELS[role].toLowerCase()}.`);
              }}
              onRemove={() => setRemoving(member)}
              onTransfer={() => setTransferring(member)}
            />
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke the invitation of ${revoking.email}?` : ''}
        confirmLabel="Revoke invitation"
        tone="danger"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await team.revoke(revoking);
          notify(`The invitation of ${revoking.email} was revoked.`);
        }}
      >
        <p>Its link stops working at once. You can invite them again later.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.email}?` : ''}
        confirmLabel="Remove member"
        tone="danger"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await team.remove(removing);
          notify(`${removing.email} was removed.`);
        }}
      >
        <p>They lose access to this organization at once. Their posts stay.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={transferring !== null}
        title={transferring ? `Make ${transferring.email} the owner?` : ''}
        confirmLabel="Transfer ownership"
        tone="danger"
        onClose={() => setTransferring(null)}
        onConfirm={async () => {
          if (!transferring) return;
          await team.transfer(transferring);
          notify(`${transferring.email} now owns this organization; you are an admin.`);
        }}
      >
        <p>They become the owner, with every right. You stay as an admin and cannot undo this yourself.</p>
      </ConfirmDialog>
    </section>
  );
}

function InviteForm({ emailConfigured, onInvite }: { emailConfigured: boolean; onInvite: ReturnType<typeof useTeam>['invite'] }) {
  const id = useId();
  const notify = useToast();
  const { busy, error, setError, run } = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'ADMIN' | 'MEMBER'>('MEMBER');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL_SHAPE.test(address)) {
      setError('Enter an email address like name@example.com.');
      return;
    }
    await run(async () => {
      const invitation = await onInvite(address, role);
      setEmail('');
      setCreated(invitation.link ? invitation : null);
      if (invitation.emailed) notify(`Invitation emailed to ${invitation.email}.`);
    });
  }

  return (
    <div className={styles.form}>
      <form className={styles.addRow} onSubmit={(event) => void submit(event)} noValidate>
        <div className={styles.grow}>
          <label htmlFor={`${id}-email`} className={styles.smallLabel}>
            Invite by email
          </label>
          <input id={`${id}-email`} className="input" type="email" placeholder="name@example.com" value={email} onChange={(event) => setEmail(event.target.value)} disabled={busy} autoComplete="off" />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className={styles.smallLabel}>
            Role
          </label>
          <select id={`${id}-role`} className="select" value={role} onChange={(event) => setRole(event.target.value === 'ADMIN' ? 'ADMIN' : 'MEMBER')} disabled={busy}>
            <option value="MEMBER">Member</option>
            <option value="ADMIN">Admin</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Inviting…' : emailConfigured ? 'Send invitation' : 'Create invitation link'}
        </button>
      </form>
      {!emailConfigured ? <p className={styles.hint}>This server sends no email (EMAIL_SMTP_URL is not set): you get a link to pass on yourself.</p> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {created?.link ? (
        <div className={styles.reveal} data-invitation-link>
          <Alert tone="info" title={`Send this link to ${created.email}`}>
            It works once, until {day(created.expiresAt)}. Anyone with the link can join as {ROLE_LABELS[created.role].toLowerCase()}, so send it privately.
          </Alert>
          <div className={styles.keyRow}>
            <label htmlFor={`${id}-link`} className="visually-hidden">
              Invitation link
            </label>
            <input id={`${id}-link`} className={`input ${styles.keyInput}`} readOnly value={created.link} onFocus={(event) => event.currentTarget.select()} />
            <CopyButton value={created.link} label="Copy link" className="btn btn-primary" />
          </div>
          <button type="button" className="btn btn-sm" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
    </div>
  );
}

interface MemberItemProps {
  member: Member;
  isSelf: boolean;
  actorIsOwner: boolean;
  lastOwner: boolean;
  onRole: (role: TeamRole) => Promise<void>;
  onRemove: () => void;
  onTransfer: () => void;
}

function MemberItem({ member, isSelf, actorIsOwner, lastOwner, onRole, onRemove, onTransfer }: MemberItemProps) {
  const id = useId();
  const notify = useToast();
  const { busy, run } = useAction();
  // Admins manage the members below the owners; nobody demotes or removes the last owner.
  const changeable = (actorIsOwner || member.role !== 'OWNER') && !lastOwner;
  const roles: TeamRole[] = actorIsOwner ? ['OWNER', 'ADMIN', 'MEMBER'] : ['ADMIN', 'MEMBER'];

  return (
    <li className={styles.item} data-member={member.email}>
      <div className={styles.itemRow}>
        <span className={styles.itemName}>
          <span>
            {member.name ? `${member.name} · ` : ''}
            {member.email}
            {isSelf ? <span className="muted"> (you)</span> : null}
          </span>
        </span>
        <div className={styles.itemActions}>
          <label htmlFor={`${id}-role`} className="visually-hidden">
            Role of {member.email}
          </label>
          {changeable ? (
            <select
              id={`${id}-role`}
              className="select"
              value={member.role}
              disabled={busy}
              onChange={(event) => {
                const role = roles.find((r) => r === event.target.value);
                if (role) void run(() => onRole(role)).then((ok) => ok || notify(`The role of ${member.email} could not be changed.`, 'error'));
              }}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          ) : (
            <span className={styles.itemMeta} id={`${id}-role`}>
              {ROLE_LABELS[member.role]}
              {lastOwner ? ' (the only owner)' : ''}
            </span>
          )}
          {actorIsOwner && !isSelf && member.role !== 'OWNER' ? (
            <button type="button" className="btn btn-sm" onClick={onTransfer} aria-label={`Make ${member.email} the owner`}>
              Make owner
            </button>
          ) : null}
          {changeable ? (
            <button type="button" className={`btn btn-sm btn-ghost ${styles.danger}`} onClick={onRemove} aria-label={`Remove ${member.email}`}>
              {isSelf ? 'Leave' : 'Remove'}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
