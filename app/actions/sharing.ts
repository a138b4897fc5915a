'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  acceptInviteLinkAs,
  changeRoleAs,
  createInviteLinkAs,
  removeMemberAs,
  revokeInvitationAs,
  shareByEmailAs,
} from '@/lib/access/operations';
import { changeRoleInput, entityId, inviteLinkInput, manuscriptId, shareInput } from '@/lib/validation/inputs';
import { actionResult, type ActionState } from '../_server/action-result';
import { requireUser } from '../_server/current-user';
import { getStorage } from '../_server/storage';

const idOf = (form: FormData) => manuscriptId.parse(form.get('manuscriptId'));

export async function shareByEmailAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = idOf(form);
    const input = shareInput.parse({ email: form.get('email'), role: form.get('role') });
    const result = await shareByEmailAs(await getStorage(), user, id, input);
    revalidatePath(`/m/${id}`);
    return { ok: result.kind === 'member' ? `Shared with ${input.email}.` : `Invitation saved: ${input.email} gets access on signing up.` };
  });
}

export async function changeRoleAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = idOf(form);
    await changeRoleAs(await getStorage(), user, id, entityId.parse(form.get('userId')), changeRoleInput.parse({ role: form.get('role') }));
    revalidatePath(`/m/${id}`);
    return { ok: 'Role changed.' };
  });
}

export async function removeMemberAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = idOf(form);
    await removeMemberAs(await getStorage(), user, id, entityId.parse(form.get('userId')));
    revalidatePath(`/m/${id}`);
    return { ok: 'Removed.' };
  });
}

export async function leaveManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const result = await actionResult(async () => await removeMemberAs(await getStorage(), user, idOf(form), user.id));
  if (result.error) return result;
  revalidatePath('/');
  redirect('/');
}

export async function createInviteLinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = idOf(form);
    const link = await createInviteLinkAs(await getStorage(), user, id, inviteLinkInput.parse({ role: form.get('role') }));
    revalidatePath(`/m/${id}`);
    return { ok: 'Invitation link created. Copy it now: it is shown only once.', secret: `/invite/${link.secret}` };
  });
}

export async function revokeInvitationAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = idOf(form);
    await revokeInvitationAs(await getStorage(), user, id, entityId.parse(form.get('invitationId')));
    revalidatePath(`/m/${id}`);
    return { ok: 'Invitation revoked.' };
  });
}

export async function acceptInviteAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const secret = String(form.get('secret') ?? '');
  const user = await requireUser(`/invite/${encodeURIComponent(secret)}`);
  let id = '';
  const result = await actionResult(async () => {
    id = await acceptInviteLinkAs(await getStorage(), user, secret);
  });
  if (result.error) return { error: 'This invitation is no longer valid. Ask the owner for a new one.' };
  redirect(`/m/${id}`);
}
