import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { SuggestionGuard } from '../server/rooms/suggestion-guard';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

/**
 * What checking a commenter's update costs the collab server, in this process: a room holding
 * `manuscript` (a novel), a commenter typing a suggestion letter by letter into one paragraph, each
 * update judged by the room's `SuggestionGuard` and then applied as the room does. Reported beside
 * applying the same update without a check (what an editor's update costs).
 */
export function measureSuggestionCheck(manuscript: Uint8Array, keystrokes: number) {
  const room = new Y.Doc();
  Y.applyUpdate(room, manuscript);
  const plain = new Y.Doc();
  Y.applyUpdate(plain, manuscript);
  const commenter = new Y.Doc();
  Y.applyUpdate(commenter, manuscript);
  const guard = new SuggestionGuard(room);
  const firstScene = [...commenter.share.keys()].find((key) => key.startsWith('scene.'))!;
  const paragraph = (commenter.getXmlFragment(firstScene).get(3) as Y.XmlElement).get(0) as Y.XmlText;
  const updates: Uint8Array[] = [];
  commenter.on('update', (update: Uint8Array) => updates.push(update));
  const attrs = { insertion: { id: 'bench-1', author: 'ben', time: Date.now() } };
  for (let i = 0; i < keystrokes; i++) paragraph.insert(40 + i, 'abcdefghij'[i % 10]!, attrs);

  const buildStart = performance.now();
  if (guard.check(updates[0]!, 'ben') !== null) throw new Error('the first suggestion was refused');
  const shadowBuildMs = performance.now() - buildStart;
  Y.applyUpdate(room, updates[0]!);
  Y.applyUpdate(plain, updates[0]!);
  const check: number[] = [];
  const apply: number[] = [];
  for (const update of updates.slice(1)) {
    let start = performance.now();
    const refusal = guard.check(update, 'ben');
    check.push((performance.now() - start) * 1000);
    if (refusal !== null) throw new Error(`refused: ${refusal}`);
    Y.applyUpdate(room, update);
    start = performance.now();
    Y.applyUpdate(plain, update);
    apply.push((performance.now() - start) * 1000);
  }
  guard.dispose();
  return { keystrokes, shadowBuildMs, checkP50Us: quantile(check, 0.5), checkP99Us: quantile(check, 0.99), applyP50Us: quantile(apply, 0.5) };
}
