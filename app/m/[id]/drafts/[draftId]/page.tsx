import Link from 'next/link';
import { listDraftsAs, openDraftAs } from '@/lib/access/operations';
import { draftByline } from '@/lib/drafts/byline';
import { manuscriptSettingsOf } from '@/lib/storage/records';
import { chapterBodyHtml, escapeHtml } from '@/lib/export/html';
import { readManuscriptForExport } from '@/lib/export/model';
import { DownloadLink } from '../../../../_components/download-link';
import { TopBar } from '../../../../_components/top-bar';
import { requireUser } from '../../../../_server/current-user';
import { getStorage } from '../../../../_server/storage';
import { orNotFound } from '../load';
import { LocalDateTime } from '../local-time';

export const metadata = { title: 'Draft · Scriptorium' };

/** A draft, read-only, straight from its stored state; the live room never sees it. */
export default async function DraftPage({ params }: { params: Promise<{ id: string; draftId: string }> }) {
  const { id, draftId } = await params;
  const user = await requireUser(`/m/${id}/drafts/${draftId}`);
  const storage = await getStorage();
  const { manuscript, draft, doc } = await orNotFound(id, draftId, () => openDraftAs(storage, user, id, draftId));
  const listing = (await listDraftsAs(storage, user, id)).find((row) => row.id === draftId);
  const byline = listing ? draftByline(listing) : '';
  const exported = readManuscriptForExport(doc, manuscriptSettingsOf(manuscript));
  doc.destroy();
  // chapterBodyHtml escapes every piece of text, so this markup carries no writer-supplied HTML.
  const html = exported.chapters.map((chapter) => `<section>${chapter.partTitle ? `<h2 class="read-part">${escapeHtml(chapter.partTitle)}</h2>` : ''}${chapterBodyHtml(chapter)}</section>`).join('');
  return (
    <>
      <TopBar user={user} />
      <main className="draft-page">
        <p>
          <Link href={`/m/${id}`}>← Back to the manuscript</Link>
        </p>
        <h1 className="manuscript-title">
          {manuscript.title}: {draft.name}
        </h1>
        <p className="draft-meta">
          {draft.kind === 'draft' ? 'Draft' : 'Checkpoint'} from <LocalDateTime iso={draft.createdAt.toISOString()} />
          {byline ? ` · ${byline}` : ''} · {draft.wordCount.toLocaleString('en')} words · read-only ·{' '}
          <Link href={`/m/${id}/drafts/${draftId}/compare`}>Compare with the current manuscript</Link> ·{' '}
          <DownloadLink href={`/api/manuscripts/${id}/export?format=docx&draft=${draftId}`}>Export as DOCX</DownloadLink>
        </p>
        <article className="page read-through manuscript-text" aria-label="Draft text" dangerouslySetInnerHTML={{ __html: html }} />
      </main>
    </>
  );
}
