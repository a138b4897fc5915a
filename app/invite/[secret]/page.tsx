import { notFound } from 'next/navigation';
import { ROLE_LABEL } from '@/lib/access/roles';

import { acceptInviteAction } from '../../actions/sharing';
import { ActionForm } from '../../_components/action-form';
import { TopBar } from '../../_components/top-bar';
import { requireUser } from '../../_server/current-user';
import { getStorage } from '../../_server/storage';

export const metadata = { title: 'Invitation · Scriptorium' };

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const user = await requireUser(`/invite/${encodeURIComponent(secret)}`);
  const storage = await getStorage();
  const invitation = await storage.members.findInviteLink(secret);
  const manuscript = invitation ? await storage.manuscripts.get(invitation.manuscriptId) : undefined;
  if (!invitation || !manuscript || manuscript.deletedAt) notFound();
  return (
    <>
      <TopBar user={user} />
      <main className="home">
        <section className="card">
          <h1>You are invited</h1>
          <p>
            Join <strong>{manuscript.title}</strong> as {ROLE_LABEL[invitation.role].toLowerCase()}.
          </p>
          <ActionForm action={acceptInviteAction} submitLabel="Join the manuscript" hidden={{ secret }} />
        </section>
      </main>
    </>
  );
}
