import Link from 'next/link';
import { compareDraftAs, listDraftsAs } from '@/lib/access/operations';
import { TopBar } from '../../../../../_components/top-bar';
import { requireUser } from '../../../../../_server/current-user';
import { getDb } from '../../../../../_server/db';
import { orNotFound } from '../../load';

export const metadata = { title: 'Compare · Scriptorium' };
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const STATUS_LABEL = { added: 'added', removed: 'removed', moved: 'moved', changed: 'changed', unchanged: 'unchanged' } as const;

/** What changed between a draft and the current manuscript (or another draft), scene by scene. */
export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; draftId: string }>;
  searchParams: Promise<{ with?: string }>;
}) {
  const { id, draftId } = await params;
  const withId = (await searchParams).with ?? 'current';
  const user = await requireUser(`/m/${id}/drafts/${draftId}/compare`);
  const { draft, comparison } = orNotFound(id, draftId, () => compareDraftAs(getDb(), user, id, draftId, withId === 'current' ? 'current' : withId));
  const others = listDraftsAs(getDb(), user, id).filter((row) => row.id !== draftId);
  const { summary } = comparison;
  const shown = comparison.scenes.filter((scene) => scene.status !== 'unchanged');
  return (
    <>
      <TopBar user={user} />
      <main className="draft-page compare">
        <p>
          <Link href={`/m/${id}`}>← Back to the manuscript</Link>
        </p>
        <h1 className="manuscript-title">“{draft.name}” compared with {withId === 'current' ? 'the current manuscript' : `“${others.find((o) => o.id === withId)?.name ?? 'another draft'}”`}</h1>
        <form className="inline-form" method="get">
          <label htmlFor="with">Compare with</label>
          <select id="with" name="with" defaultValue={withId}>
            <option value="current">The current manuscript</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
          </select>
          <button type="submit" className="quiet">
            Compare
          </button>
        </form>
        <section className="card" aria-label="Summary of changes">
          <div className="compare-summary">
            <span>
              <strong>{summary.wordsAdded.toLocaleString('en')}</strong> words added
            </span>
            <span>
              <strong>{summary.wordsCut.toLocaleString('en')}</strong> words cut
            </span>
            <span>{plural(summary.changed, 'scene')} changed</span>
            <span>{summary.added} added</span>
            <span>{summary.moved} moved</span>
            <span>{summary.removed} removed</span>
          </div>
        </section>
        {shown.length === 0 ? <p className="muted">No differences.</p> : null}
        {shown.map((scene) => (
          <section key={scene.id} className="compare-scene" aria-label={`Scene ${scene.title}`}>
            <h3>
              {scene.title}
              <span className="scene-status">
                {STATUS_LABEL[scene.status]}
                {scene.status === 'moved' && scene.fromChapter !== scene.chapter ? ` from “${scene.fromChapter}” to “${scene.chapter}”` : scene.chapter ? ` · ${scene.chapter}` : ''}
              </span>
            </h3>
            <p className="compare-text">
              {scene.parts.map((part, index) =>
                part.kind === 'added' ? <ins key={index}>{part.text}</ins> : part.kind === 'removed' ? <del key={index}>{part.text}</del> : <span key={index}>{part.text}</span>,
              )}
            </p>
          </section>
        ))}
      </main>
    </>
  );
}
