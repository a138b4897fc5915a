'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  createManuscriptAs,
  importManuscriptAs,
  renameManuscriptAs,
  restoreManuscriptAs,
  trashManuscriptAs,
  saveDraftAs,
  updateManuscriptSettingsAs,
} from '@/lib/access/operations';
import { ImportError, MAX_IMPORT_BYTES } from '@/lib/import';
import { createManuscriptInput, draftInput, manuscriptId, manuscriptSettingsInput, renameManuscriptInput } from '@/lib/validation/inputs';
import { actionResult, type ActionState } from '../_server/action-result';
import { requireUser } from '../_server/current-user';
import { getStorage } from '../_server/storage';

export async function createManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  let id = '';
  const result = await actionResult(async () => {
    id = (await createManuscriptAs(await getStorage(), user, createManuscriptInput.parse({ title: form.get('title') ?? '' }))).id;
  });
  if (result.error) return result;
  redirect(`/m/${id}`);
}

export async function renameManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = manuscriptId.parse(form.get('manuscriptId'));
    await renameManuscriptAs(await getStorage(), user, id, renameManuscriptInput.parse({ title: form.get('title') ?? '' }));
    revalidatePath('/');
    revalidatePath(`/m/${id}`);
    return { ok: 'Renamed.' };
  });
}

export async function trashManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    await trashManuscriptAs(await getStorage(), user, manuscriptId.parse(form.get('manuscriptId')));
    revalidatePath('/');
    return { ok: 'Moved to the trash.' };
  });
}

export async function restoreManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    await restoreManuscriptAs(await getStorage(), user, manuscriptId.parse(form.get('manuscriptId')));
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
    await updateManuscriptSettingsAs(await getStorage(), user, id, settings);
    revalidatePath(`/m/${id}`);
    revalidatePath('/');
    return { ok: 'Saved.' };
  });
}

export async function importManuscriptAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { error: 'Choose a .docx, .md, .html or .txt file.' };
  if (file.size > MAX_IMPORT_BYTES) return { error: 'That file is larger than 20 MB.' };
  let id = '';
  const result = await actionResult(async () => {
    try {
      id = (await importManuscriptAs(await getStorage(), user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })).id;
    } catch (error) {
      if (error instanceof ImportError) return { error: error.message };
      throw error;
    }
  });
  if (result.error) return result;
  redirect(`/m/${id}`);
}

export async function saveDraftAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  return actionResult(async () => {
    const id = manuscriptId.parse(form.get('manuscriptId'));
    const { name } = draftInput.parse({ name: form.get('name') });
    await saveDraftAs(await getStorage(), user, id, { name });
    revalidatePath(`/m/${id}`);
    return { ok: `Saved “${name}”.` };
  });
}
