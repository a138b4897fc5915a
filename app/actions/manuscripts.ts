'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createManuscriptAs, renameManuscriptAs, restoreManuscriptAs, trashManuscriptAs, updateManuscriptSettingsAs } from '@/lib/access/operations';
import { createManuscriptInput, manuscriptId, manuscriptSettingsInput, renameManuscriptInput } from '@/lib/validation/inputs';
import { actionResult, type ActionState } from '../_server/action-result';
import { requireUser } from '../_server/current-user';
import { getDb } from '../_server/db';

export async function createManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  let id = '';
  const result = await actionResult(async () => {
    id = createManuscriptAs(getDb(), user, createManuscriptInput.parse({ title: form.get('title') ?? '' })).id;
  });
  if (result.error) return result;
  redirect(`/m/${id}`);
}

export async function renameManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = manuscriptId.parse(form.get('manuscriptId'));
    renameManuscriptAs(getDb(), user, id, renameManuscriptInput.parse({ title: form.get('title') ?? '' }));
    revalidatePath('/');
    revalidatePath(`/m/${id}`);
    return { ok: 'Renamed.' };
  });
}

export async function trashManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    trashManuscriptAs(getDb(), user, manuscriptId.parse(form.get('manuscriptId')));
    revalidatePath('/');
    return { ok: 'Moved to the trash.' };
  });
}

export async function restoreManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    restoreManuscriptAs(getDb(), user, manuscriptId.parse(form.get('manuscriptId')));
    revalidatePath('/');
    return { ok: 'Restored.' };
  });
}

export async function updateManuscriptSettingsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = manuscriptId.parse(form.get('manuscriptId'));
    const field = (name: string) => String(form.get(name) ?? '');
    const settings = manuscriptSettingsInput.parse({
      title: field('title'),
      authorLegalName: field('authorLegalName'),
      byline: field('byline'),
      contactAddress: field('contactAddress'),
      contactEmail: field('contactEmail'),
      contactPhone: field('contactPhone'),
      genre: field('genre'),
      runningHeadKeyword: field('runningHeadKeyword'),
      targetWords: field('targetWords'),
      deadline: field('deadline'),
    });
    updateManuscriptSettingsAs(getDb(), user, id, settings);
    revalidatePath(`/m/${id}`);
    revalidatePath('/');
    return { ok: 'Saved.' };
  });
}
