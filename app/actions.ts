'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createManuscript } from '@/lib/db';
import { encodeNewManuscript } from '@/lib/manuscript/binder';
import { getDb } from './_server/db';

const newManuscriptInput = z.object({
  title: z.string().trim().min(1, 'Give the manuscript a title.').max(200, 'Keep the title under 200 characters.'),
});

export type CreateManuscriptState = { error?: string };

/** Creates a manuscript (its first scene seeded server-side) and opens it. */
export async function createManuscriptAction(_state: CreateManuscriptState, form: FormData): Promise<CreateManuscriptState> {
  // Until accounts exist anyone who can reach the app may create; the accounts issue adds the role check here.
  const parsed = newManuscriptInput.safeParse({ title: form.get('title') ?? '' });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Invalid title.' };
  const manuscript = createManuscript(getDb(), { title: parsed.data.title, initialUpdate: encodeNewManuscript() });
  redirect(`/m/${manuscript.id}`);
}
