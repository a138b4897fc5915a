import Link from 'next/link';
import { Fragment } from 'react';
import { compareDraftAs, listDraftsAs } from '@/lib/access/operations';
import { draftByline } from '@/lib/drafts/byline';
import { SCENE_BREAK_MARK, type DiffPart, type SceneComparison } from '@/lib/drafts/compare';
import { TopBar } from '../../../../../_components/top-bar';
import { requireUser } from '../../../../../_server/current-user';
import { getStorage } from '../../../../../_server/storage';
import { CompareWithPicker } from '../../compare-with-picker';
import { orNotFound } from '../../load';
import { LocalDateTime } from '../../local-time';

export const metadata = { title: 'Compare · Scriptorium' };
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const STATUS_LABEL = { added: 'added', removed: 'removed', moved: 'moved', changed: 'changed', unchanged: 'unchanged' } as const;

/** Where a scene stands, and for a moved one where it came from. */
function placeOf(scene: SceneComparison): string {
  if (scene.status === 'moved') return scene.fromChapter !== undefined ? ` from “${scene.fromChapter || 'the top level'}” to “${scene.chapter || 'the top level'}”` : ` within “${scene.chapter || 'the top level'}”`;
  return scene.chapter ? ` · ${scene.chapter}` : '';
}

/** A diff part's text, with each scene-break mark drawn as the centred `#` the editor shows. */
function PartText({ text }: { text: string }) {
  const pieces = text.split(SCENE_BREAK_MARK);
  return pieces.map((piece, index) => (
    <Fragment key={index}>
      {index > 0 ? (
        <span className="compare-scene-break" role="separator" aria-label="Scene break">
          #
        </span>
      ) : null}
      {/* The break is a block of its own: the line end after it would add an empty line. */}
      {index > 0 && piece.startsWith('\n') ? piece.slice(1) : piece}
    </Fragment>
  ));
}

function Part({ part }: { part: DiffPart }) {
  const text = <PartText text={part.text} />;
  return part.kind === 'added' ? <ins>{text}</ins> : part.kind === 'removed' ? <del>{text}</del> : <span>{text}</span>;
}

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
  const storage = await getStorage();
  const { draft, comparison } = await orNotFound(id, draftId, () => compareDraftAs(storage, user, id, draftId, withId === 'current' ? 'current' : withId));
  const rows = (await listDraftsAs(storage, user, id)).map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), byline: draftByline(row) }));
  const self = rows.find((row) => row.id === draftId);
  const others = rows.filter((row) => row.id !== draftId);
  const other = others.find((o) => o.id === withId);
  const { summary } = comparison;
  const shown = comparison.scenes.filter((scene) => scene.status !== 'unchanged');
  return (
    <>
      <TopBar user={user} />
      <main className="draft-page compare">
        <p>
          <Link href={`/m/${id}`}>← Back to the manuscript</Link>
        </p>
        <h1 className="manuscript-title">
          “{draft.name}” compared with {withId === 'current' ? 'the current manuscript' : `“${other?.name ?? 'another draft'}”`}
        </h1>
        <p className="draft-meta" data-testid="compared-drafts">
          “{draft.name}”: <LocalDateTime iso={self?.createdAt ?? draft.createdAt.toISOString()} />
          {self?.byline ? ` · ${self.byline}` : ''}
          {other ? (
            <>
              {' '}
              — “{other.name}”: <LocalDateTime iso={other.createdAt} />
              {other.byline ? ` · ${other.byline}` : ''}
            </>
          ) : null}
        </p>
        <CompareWithPicker selected={withId} drafts={others} />
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
                {placeOf(scene)}
              </span>
            </h3>
            <p className="compare-text">
              {scene.parts.map((part, index) => (
                <Part key={index} part={part} />
              ))}
            </p>
          </section>
        ))}
      </main>
    </>
  );
}
