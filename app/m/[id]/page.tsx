import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/access/errors';
import { getManuscriptAs, listMembersAs, type Actor } from '@/lib/access/operations';
import { MANUSCRIPT_ID_PATTERN } from '@/lib/collab/room-name';
import { collabEndpoint } from '../../_server/collab-url';
import { getCurrentUser, requireUser } from '../../_server/current-user';
import { getStorage } from '../../_server/storage';
import { ManuscriptWorkspace } from './manuscript-workspace';

type Params = { params: Promise<{ id: string }> };

/** The manuscript if this user may read it; unknown, trashed and forbidden all answer 404. */
async function getManuscriptOrNotFound(user: Actor, id: string) {
  if (!MANUSCRIPT_ID_PATTERN.test(id)) notFound();
  try {
    return await getManuscriptAs(await getStorage(), user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const user = await getCurrentUser();
  if (!user) return { title: 'Scriptorium' };
  const { manuscript } = await getManuscriptOrNotFound(user, (await params).id);
  return { title: `${manuscript.title} · Scriptorium` };
}

export default async function ManuscriptPage({ params }: Params) {
  const { id } = await params;
  const user = await requireUser(`/m/${id}`);
  const { manuscript, role } = await getManuscriptOrNotFound(user, id);
  const { members, invitations } = await listMembersAs(await getStorage(), user, id);
  return (
    <ManuscriptWorkspace
      manuscriptId={manuscript.id}
      title={manuscript.title}
      collab={collabEndpoint()}
      me={{ id: user.id, name: user.name, color: user.color }}
      initialRole={role}
      members={members}
      invitations={invitations}
      targetWords={manuscript.targetWords}
      deadline={manuscript.deadline}
    />
  );
}
