'use client';

import { Drawer } from './drawer';
import { ROLE_LABEL } from '@/lib/access/roles';
import { SHAREABLE_ROLES, type Role } from '@/lib/domain/roles';
import type { Member } from '@/lib/storage/records';
import {
  changeRoleAction,
  createInviteLinkAction,
  leaveManuscriptAction,
  removeMemberAction,
  revokeInvitationAction,
  shareByEmailAction,
} from '../../../actions/sharing';
import { ActionForm } from '../../../_components/action-form';

export interface PendingInvitation {
  id: string;
  email: string | null;
  role: Role;
  isLink: boolean;
}

interface SharePanelProps {
  manuscriptId: string;
  myId: string;
  role: Role;
  members: Member[];
  invitations: PendingInvitation[];
  onClose: () => void;
}

function RoleSelect({ name = 'role', defaultValue = 'editor', label }: { name?: string; defaultValue?: string; label: string }) {
  return (
    <select name={name} defaultValue={defaultValue} aria-label={label}>
      {SHAREABLE_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABEL[role]}
        </option>
      ))}
    </select>
  );
}

/** Who has access, and for the owner: share by email or link, change roles, remove. */
export function SharePanel({ manuscriptId, myId, role, members, invitations, onClose }: SharePanelProps) {
  const isOwner = role === 'owner';
  const hidden = { manuscriptId };
  return (
    <Drawer label="Sharing" title="Sharing" onClose={onClose}>
      <p className="muted small">Editors write; commenters and viewers read along live.</p>
      <ul className="member-list" aria-label="Members">
        {members.map((member) => (
          <li key={member.userId}>
            <span className="member-name">
              <span className="presence-dot" style={{ background: member.color }} aria-hidden />
              {member.name}
              {member.userId === myId ? <span className="muted"> (you)</span> : null}
              <span className="muted small"> {member.email}</span>
            </span>
            {isOwner && member.role !== 'owner' ? (
              <span className="member-actions">
                <ActionForm key={`${member.userId}-${member.role}`} action={changeRoleAction} submitLabel="Change" hidden={{ ...hidden, userId: member.userId }} quiet className="inline-form" label={`Role of ${member.name}`}>
                  <RoleSelect defaultValue={member.role} label={`Role for ${member.name}`} />
                </ActionForm>
                <ActionForm action={removeMemberAction} submitLabel="Remove" hidden={{ ...hidden, userId: member.userId }} quiet label={`Remove ${member.name}`} />
              </span>
            ) : (
              <span className="muted">{ROLE_LABEL[member.role]}</span>
            )}
          </li>
        ))}
      </ul>
      {isOwner ? (
        <>
          <h3>Invite by email</h3>
          <ActionForm action={shareByEmailAction} submitLabel="Share" hidden={hidden} className="inline-form" label="Share by email">
            <input name="email" type="email" placeholder="co-author@example.com" aria-label="Email" required />
            <RoleSelect label="Role" />
          </ActionForm>
          <h3>Invitation link</h3>
          <ActionForm action={createInviteLinkAction} submitLabel="Create link" hidden={hidden} className="inline-form" label="Create invitation link">
            <RoleSelect label="Role for the link" defaultValue="viewer" />
          </ActionForm>
          {invitations.length > 0 ? (
            <>
              <h3>Pending</h3>
              <ul className="member-list">
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    <span>
                      {invitation.isLink ? 'Invitation link' : invitation.email} <span className="muted">· {ROLE_LABEL[invitation.role]}</span>
                    </span>
                    <ActionForm action={revokeInvitationAction} submitLabel="Revoke" hidden={{ ...hidden, invitationId: invitation.id }} quiet />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <ActionForm action={leaveManuscriptAction} submitLabel="Leave this manuscript" hidden={hidden} quiet />
      )}
    </Drawer>
  );
}
