import Link from 'next/link';
import { ROLE_LABEL } from '@/lib/access/roles';
import { TRASH_RETENTION_DAYS, type ManuscriptListing } from '@/lib/storage/records';
import {
  createManuscriptAction,
  importManuscriptAction,
  renameManuscriptAction,
  restoreManuscriptAction,
  trashManuscriptAction,
} from './actions/manuscripts';
import { leaveManuscriptAction } from './actions/sharing';
import { ActionForm } from './_components/action-form';
import { TopBar } from './_components/top-bar';
import { requireUser } from './_server/current-user';
import { getStorage } from './_server/storage';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat('en');
const DAY_MS = 24 * 60 * 60 * 1000;

export default async function HomePage() {
  const user = await requireUser();
  const storage = await getStorage();
  await storage.manuscripts.purgeExpiredTrash();
  const { mine, shared } = await storage.manuscripts.listForUser(user.id);
  const trash = await storage.manuscripts.listTrashForUser(user.id);
  return (
    <>
      <TopBar user={user} />
      <main className="home">
        <section aria-labelledby="new-heading" className="card">
          <h2 id="new-heading">Start a manuscript</h2>
          <ActionForm action={createManuscriptAction} submitLabel="Create" pendingLabel="Creating…" className="inline-form">
            <label htmlFor="title" className="visually-hidden">
              Title
            </label>
            <input id="title" name="title" placeholder="Title, e.g. The Salt Road" required maxLength={200} autoComplete="off" />
          </ActionForm>
          <details className="import">
            <summary>…or import a draft (DOCX, Markdown, HTML, text)</summary>
            <ActionForm action={importManuscriptAction} submitLabel="Import" pendingLabel="Importing…" className="inline-form" label="Import a draft">
              <input type="file" name="file" accept=".docx,.md,.markdown,.html,.htm,.txt" aria-label="Draft file" required />
            </ActionForm>
            <p className="hint">Chapters come from headings; scenes split at #, *** or * * *. Italics and bold are kept.</p>
          </details>
        </section>

        <ManuscriptSection id="mine" title="My manuscripts" empty="Nothing here yet. Give your first manuscript a title above." items={mine} />
        <ManuscriptSection id="shared" title="Shared with me" empty="When a co-author shares a manuscript with you, it appears here." items={shared} />

        {trash.length > 0 ? (
          <section aria-labelledby="trash-heading">
            <h2 id="trash-heading">Trash</h2>
            <ul className="manuscript-list">
              {trash.map((item) => {
                const daysLeft = Math.max(0, TRASH_RETENTION_DAYS - Math.floor((Date.now() - (item.deletedAt?.getTime() ?? 0)) / DAY_MS));
                return (
                  <li key={item.id}>
                    <div>
                      <span className="listing-title">{item.title}</span>
                      <span className="muted"> · deleted for good in {daysLeft} days</span>
                    </div>
                    <ActionForm action={restoreManuscriptAction} submitLabel="Restore" hidden={{ manuscriptId: item.id }} quiet className="row-actions" />
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </main>
    </>
  );
}

function ManuscriptSection({ id, title, empty, items }: { id: string; title: string; empty: string; items: ManuscriptListing[] }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="manuscript-list" aria-label={title}>
          {items.map((item) => (
            <li key={item.id}>
              <div>
                <Link href={`/m/${item.id}`} className="listing-title">
                  {item.title}
                </Link>
                <p className="muted listing-meta">
                  {numberFormat.format(item.wordCount)} words · edited {dateFormat.format(item.updatedAt)}
                  {item.lastEditedByName ? ` by ${item.lastEditedByName}` : ''}
                  {item.role !== 'owner' ? ` · ${ROLE_LABEL[item.role]}` : ''}
                </p>
              </div>
              <details className="row-menu">
                <summary aria-label={`Actions for ${item.title}`}>⋯</summary>
                <div className="row-menu-body">
                  {item.role === 'owner' || item.role === 'editor' ? (
                    <ActionForm action={renameManuscriptAction} submitLabel="Rename" hidden={{ manuscriptId: item.id }} className="inline-form">
                      <input name="title" defaultValue={item.title} aria-label="New title" required maxLength={200} />
                    </ActionForm>
                  ) : null}
                  {item.role === 'owner' ? (
                    <ActionForm action={trashManuscriptAction} submitLabel="Move to trash" hidden={{ manuscriptId: item.id }} quiet />
                  ) : (
                    <ActionForm action={leaveManuscriptAction} submitLabel="Leave this manuscript" hidden={{ manuscriptId: item.id }} quiet />
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
