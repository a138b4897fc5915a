import 'server-only';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/access/errors';
import { MANUSCRIPT_ID_PATTERN } from '@/lib/collab/room-name';

/** Runs a draft operation, answering 404 for unknown or forbidden manuscripts and drafts alike. */
export async function orNotFound<T>(manuscriptId: string, draftId: string, operation: () => Promise<T>): Promise<T> {
  if (!MANUSCRIPT_ID_PATTERN.test(manuscriptId) || !/^[a-z0-9]{8,64}$/.test(draftId)) notFound();
  try {
    return await operation();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
