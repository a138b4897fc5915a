import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { ZodError } from 'zod';
import { InvalidOperationError, NotFoundError } from '@/lib/access/errors';
import { EmailTakenError } from '@/lib/storage/records';

/** What every form action answers: a message to show, or nothing. */
export type ActionState = { error?: string; ok?: string; secret?: string; values?: Record<string, string> };

/** Runs an action body and turns domain errors into a message for the form; redirects pass through. */
export async function actionResult(body: () => Promise<ActionState | void>): Promise<ActionState> {
  try {
    return (await body()) ?? {};
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ZodError) return { error: error.issues[0]?.message ?? 'Check the form.' };
    if (error instanceof NotFoundError) return { error: 'Not found, or not yours to change.' };
    if (error instanceof InvalidOperationError || error instanceof EmailTakenError) return { error: error.message };
    console.error('[web] action failed', error);
    return { error: 'Something went wrong. Please try again.' };
  }
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeReturnPath(value: FormDataEntryValue | string | null | undefined): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
