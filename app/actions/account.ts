'use server';

import { revalidatePath } from 'next/cache';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

import { NotFoundError } from '@/lib/access/errors';
import { apiTokenInput, changePasswordInput, entityId, profileInput } from '@/lib/validation/inputs';
import { actionResult, type ActionState } from '../_server/action-result';
import { requireUser } from '../_server/current-user';
import { getStorage } from '../_server/storage';

export async function updateProfileAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser('/settings');
  return actionResult(async () => {
    await (await getStorage()).users.updateProfile(user.id, profileInput.parse({ name: form.get('name'), color: form.get('color') }));
    revalidatePath('/', 'layout');
    return { ok: 'Saved. Co-authors see the new name and colour the next time you open a manuscript.' };
  });
}

export async function changePasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser('/settings');
  return actionResult(async () => {
    const input = changePasswordInput.parse({ currentPassword: form.get('currentPassword') ?? '', newPassword: form.get('newPassword') });
    if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      return { error: 'Your current password is not right.' };
    }
    await (await getStorage()).users.setPasswordHash(user.id, await hashPassword(input.newPassword));
    return { ok: 'Password changed.' };
  });
}

export async function createApiTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser('/settings');
  return actionResult(async () => {
    const { token } = await (await getStorage()).users.createApiToken(user.id, apiTokenInput.parse({ name: form.get('name') }).name);
    revalidatePath('/settings');
    return { ok: 'Token created. Copy it now: it is shown only once.', secret: token };
  });
}

export async function revokeApiTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser('/settings');
  return actionResult(async () => {
    if (!await (await getStorage()).users.revokeApiToken(user.id, entityId.parse(form.get('tokenId')))) throw new NotFoundError('token');
    revalidatePath('/settings');
    return { ok: 'Token revoked.' };
  });
}
