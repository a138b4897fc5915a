import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/access/errors';
import { getManuscriptSettingsAs } from '@/lib/access/operations';
import { canWrite } from '@/lib/domain/roles';
import { MANUSCRIPT_ID_PATTERN } from '@/lib/collab/room-name';
import { updateManuscriptSettingsAction } from '../../../actions/manuscripts';
import { ActionForm } from '../../../_components/action-form';
import { TopBar } from '../../../_components/top-bar';
import { requireUser } from '../../../_server/current-user';
import { getStorage } from '../../../_server/storage';

export const metadata = { title: 'Manuscript settings · Scriptorium' };

/** Editors get a form that saves; readers see the same fields, read-only, with nothing to press. */
function SettingsForm({ readOnly, manuscriptId, children }: { readOnly: boolean; manuscriptId: string; children: React.ReactNode }) {
  if (readOnly) return <div className="stack-form">{children}</div>;
  return (
    <ActionForm action={updateManuscriptSettingsAction} submitLabel="Save settings" hidden={{ manuscriptId }} className="stack-form">
      {children}
    </ActionForm>
  );
}

export default async function ManuscriptSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/m/${id}/settings`);
  if (!MANUSCRIPT_ID_PATTERN.test(id)) notFound();
  let loaded;
  try {
    loaded = await getManuscriptSettingsAs(await getStorage(), user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { settings, role } = loaded;
  const readOnly = !canWrite(role);
  const field = (name: keyof typeof settings, label: string, hint?: string, type = 'text') => (
    <>
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type={type} defaultValue={settings[name] ?? ''} readOnly={readOnly} />
      {hint ? <p className="hint">{hint}</p> : null}
    </>
  );
  return (
    <>
      <TopBar user={user} />
      <main className="home settings">
        <p>
          <Link href={`/m/${id}`}>← Back to the manuscript</Link>
        </p>
        <h1>Manuscript settings</h1>
        <section className="card" aria-label="Manuscript settings">
          {readOnly ? <p className="muted">Only editors and the owner can change these.</p> : null}
          <SettingsForm readOnly={readOnly} manuscriptId={id}>
            {field('title', 'Title')}
            <h2>Title page</h2>
            {field('authorLegalName', "Author's legal name", 'Top left of page one, above your contact lines.')}
            {field('byline', 'Byline (pen name)', 'Shown as “by …” under the title; your legal name when empty, and the owner’s name when both are empty.')}
            <label htmlFor="contactAddress">Address</label>
            <textarea id="contactAddress" name="contactAddress" rows={3} defaultValue={settings.contactAddress} readOnly={readOnly} />
            {field('contactEmail', 'Contact email', undefined, 'email')}
            {field('contactPhone', 'Phone')}
            {field('genre', 'Genre')}
            {field('runningHeadKeyword', 'Running-head keyword', 'One or two words from the title, for the header: Surname / Keyword / page.')}
            <h2>Goal</h2>
            {field('targetWords', 'Target word count', undefined, 'number')}
            {field('deadline', 'Deadline', undefined, 'date')}
          </SettingsForm>
        </section>
      </main>
    </>
  );
}
