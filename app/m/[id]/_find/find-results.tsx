'use client';

import type { Match, SceneResults } from '@/lib/editor/find/search';
import { groupByChapter } from './find-words';

/** Matches grouped by chapter, then scene, each with a few words either side. */
export function ResultsList({ scenes, truncated, currentSceneId, onOpen }: { scenes: SceneResults[]; truncated: boolean; currentSceneId: string | null; onOpen: (sceneId: string, match: Match) => void }) {
  const chapters = groupByChapter(scenes);
  return (
    <section className="find-results" aria-label="Results">
      {chapters.map((chapter, index) => (
        <div key={`${chapter.title}-${index}`}>
          {chapter.title ? <h3>{chapter.title}</h3> : null}
          {chapter.scenes.map(({ scene, total, matches }) => (
            <div key={scene.id} className="find-scene">
              <h4>
                {scene.title} <span className="muted">· {total}</span>
                {scene.id === currentSceneId ? <span className="muted"> · open</span> : null}
              </h4>
              <ul>
                {matches.map((match) => (
                  <li key={match.ordinal}>
                    <button type="button" className="find-result" onClick={() => onOpen(scene.id, match)}>
                      {match.before}
                      <mark>{match.text}</mark>
                      {match.after}
                    </button>
                  </li>
                ))}
                {matches.length < total ? <li className="muted small">and {total - matches.length} more</li> : null}
              </ul>
            </div>
          ))}
        </div>
      ))}
      {truncated ? <p className="muted small">Only the first matches are listed; every one is counted and replaced.</p> : null}
    </section>
  );
}
