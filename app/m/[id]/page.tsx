import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MANUSCRIPT_ID_PATTERN } from '@/lib/collab/room-name';
import { getManuscript } from '@/lib/db';
import { collabEndpoint } from '../../_server/collab-url';
import { getDb } from '../../_server/db';
import { ManuscriptWorkspace } from './manuscript-workspace';

type Params = { params: Promise<{ id: string }> };

function getManuscriptOrNotFound(id: string) {
  const manuscript = MANUSCRIPT_ID_PATTERN.test(id) ? getManuscript(getDb(), id) : undefined;
  if (!manuscript) notFound();
  return manuscript;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const manuscript = getManuscriptOrNotFound((await params).id);
  return { title: `${manuscript.title} · Scriptorium` };
}

export default async function ManuscriptPage({ params }: Params) {
  const manuscript = getManuscriptOrNotFound((await params).id);
  return <ManuscriptWorkspace manuscriptId={manuscript.id} title={manuscript.title} collab={collabEndpoint()} />;
}
