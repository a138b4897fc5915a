import type { Change } from '../docx-review/body';
import type { LiveText } from './live-text';
import { sameWords, TextMatch, tokenize } from './match';
import type { ReviewSection, ReviewSections, SectionPoint } from './sections';
import type { ReviewThread } from './threads';

/** One scene of the manuscript as it is now. */
export interface SceneText {
  id: string;
  live: LiveText;
}

/** A place in a scene: between characters of its live text, or inside one of the insertions placed there. */
export type LivePoint = { index: number } | { insertion: number; offset: number };

export interface PlacedInsertion {
  key: number;
  index: number;
  pieces: { text: string; italic: boolean; bold: boolean }[];
  change: Change;
}

export interface PlacedDeletion {
  key: number;
  from: number;
  to: number;
  change: Change;
}

export interface PlacedBreak {
  key: number;
  kind: 'split' | 'join';
  point: LivePoint;
  change: Change;
}

export interface PlacedThread {
  thread: ReviewThread;
  from: LivePoint;
  to: LivePoint;
}

/** What goes into one scene. `group` gives changes that make one suggestion (a replacement) the same key. */
export interface ScenePlan {
  sceneId: string;
  insertions: PlacedInsertion[];
  deletions: PlacedDeletion[];
  breaks: PlacedBreak[];
  threads: PlacedThread[];
}

export type Unplaced = { kind: 'comment'; thread: ReviewThread; reason: string } | { kind: 'change'; change: Change; what: string; reason: string };

export interface Placement {
  scenes: ScenePlan[];
  /** Changes by key → the suggestion they belong to (a deletion and the insertion replacing it share one). */
  group: Map<number, number>;
  unplaced: Unplaced[];
  /** Changes already in the manuscript (the same suggestion, or the writer made the change): left as they are. */
  alreadyThere: number;
}

const REASON_CHANGED = 'its words are no longer in the manuscript';
const REASON_HEADING = 'it is on a chapter title or a scene-break line, which are not part of a scene’s text';
const REASON_ELSEWHERE = 'it is in a part of the file Scriptorium does not import (a header, footnote or text box)';
/** Most scenes a section's words are looked for in: the few that share the most of them. */
const CANDIDATES = 3;

const clip = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `‘${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}’`;
};

/** Where the editor's changes begin and end in a section's text: no word runs across one. */
function sectionCuts(section: ReviewSection): number[] {
  const cuts = [...section.deletions.flatMap((deletion) => [deletion.from, deletion.to]), ...section.insertions.map((insertion) => insertion.at)];
  return [...new Set(cuts)].sort((a, b) => a - b);
}

/** Where a co-author's pending suggestions begin and end in a scene's text (a Review DOCX has them as tracked changes). */
function liveCuts(live: LiveText): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < live.suggested.length; i++) if (live.suggested[i] !== live.suggested[i - 1]) cuts.push(i);
  return cuts;
}

/** Scenes sharing the most runs of three words with a section, best first. */
function candidateScenes(section: ReviewSection, scenes: SceneText[], index: Map<string, number[]>): number[] {
  const keys = tokenize(section.text, sectionCuts(section)).map((token) => token.key);
  const size = Math.min(3, keys.length);
  const hits = new Map<number, number>();
  for (let i = 0; i + size <= keys.length; i++) {
    for (const scene of index.get(`${size}:${keys.slice(i, i + size).join(' ')}`) ?? []) hits.set(scene, (hits.get(scene) ?? 0) + 1);
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, CANDIDATES)
    .map(([scene]) => scene);
}

function shingleIndex(scenes: SceneText[], cuts: number[][]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  scenes.forEach((scene, sceneIndex) => {
    const keys = tokenize(scene.live.text, cuts[sceneIndex]).map((token) => token.key);
    const seen = new Set<string>();
    for (let size = 1; size <= 3; size++) {
      for (let i = 0; i + size <= keys.length; i++) {
        const key = `${size}:${keys.slice(i, i + size).join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = index.get(key);
        if (list) list.push(sceneIndex);
        else index.set(key, [sceneIndex]);
      }
    }
  });
  return index;
}

/**
 * Lays the editor's changes and comments on the manuscript as it is now: each section of the file is
 * matched to the scenes that share its words, then word by word, so a comment lands on its words
 * however much was written elsewhere. What cannot be placed is listed with the reason.
 */
export function placeReview(review: ReviewSections, threads: ReviewThread[], scenes: SceneText[]): Placement {
  const cuts = scenes.map((scene) => liveCuts(scene.live));
  const index = shingleIndex(scenes, cuts);
  const plans = scenes.map((scene): ScenePlan => ({ sceneId: scene.id, insertions: [], deletions: [], breaks: [], threads: [] }));
  const unplaced: Unplaced[] = [];
  const group = new Map<number, number>();
  let alreadyThere = 0;
  const candidates = review.sections.map((section) => (section.heading ? [] : candidateScenes(section, scenes, index)));
  const matches = new Map<string, TextMatch>();
  const matchOf = (section: ReviewSection, scene: number) => {
    const key = `${section.index}:${scene}`;
    let found = matches.get(key);
    if (!found) matches.set(key, (found = new TextMatch(section.text, scenes[scene]!.live.text, { from: sectionCuts(section), to: cuts[scene] })));
    return found;
  };
  /** Where each placed insertion went: scene and key. */
  const insertionScene = new Map<number, number>();
  /** Deletions the manuscript already has (keys), so a replacement already there counts once. */
  const deletionsThere = new Set<number>();

  for (const section of review.sections) {
    const tryScenes = <T>(place: (match: TextMatch, live: LiveText, scene: number) => T | null): { scene: number; found: T } | null => {
      for (const scene of candidates[section.index]!) {
        const found = place(matchOf(section, scene), scenes[scene]!.live, scene);
        if (found !== null) return { scene, found };
      }
      return null;
    };
    for (const deletion of section.deletions) {
      const what = `Delete ${clip(section.text.slice(deletion.from, deletion.to))}`;
      if (section.heading) {
        unplaced.push({ kind: 'change', change: deletion.change, what, reason: REASON_HEADING });
        continue;
      }
      const placed = tryScenes((match, live) => {
        const range = match.exact(deletion.from, deletion.to);
        if (range) return range.to > range.from && live.suggested.slice(range.from, range.to).every((mark) => mark === 'deletion') ? ('there' as const) : range;
        // The words are simply gone: the writer made this change already.
        const from = match.point(deletion.from);
        const to = match.point(deletion.to);
        return from !== null && to !== null && from <= to && tokenize(live.text.slice(from, to)).length === 0 ? ('there' as const) : null;
      });
      if (!placed) unplaced.push({ kind: 'change', change: deletion.change, what, reason: REASON_CHANGED });
      else if (placed.found === 'there') {
        alreadyThere++;
        deletionsThere.add(deletion.key);
      } else plans[placed.scene]!.deletions.push({ key: deletion.key, ...placed.found, change: deletion.change });
    }
    for (const insertion of section.insertions) {
      const text = insertion.pieces.map((piece) => piece.text).join('');
      const what = `Add ${clip(text)}`;
      if (section.heading) {
        unplaced.push({ kind: 'change', change: insertion.change, what, reason: REASON_HEADING });
        continue;
      }
      const placed = tryScenes((match, live, scene) => {
        const at = match.point(insertion.at);
        if (at === null) return null;
        // Already there, as a pending suggestion or typed in by the writer, on either side of the point
        // (within the paragraph, and not words this import deletes, as a move's own origin would be).
        const deleted = (from: number, to: number) => plans[scene]!.deletions.some((each) => each.from < to && from < each.to);
        const same = (from: number, to: number) => from >= 0 && !live.text.slice(from, to).includes('\n') && !deleted(from, to) && sameWords(live.text.slice(from, to), text);
        if (tokenize(text).length > 0 && (same(at, at + text.length) || same(at - text.length, at))) return 'there' as const;
        return at;
      });
      // A deletion right before it by the same writer: one replacement.
      const replaced = section.deletions.find((deletion) => deletion.to === insertion.at && deletion.change.author === insertion.change.author);
      if (!placed) unplaced.push({ kind: 'change', change: insertion.change, what, reason: REASON_CHANGED });
      else if (placed.found === 'there') {
        // A replacement already there was counted with its deletion.
        if (!replaced || !deletionsThere.has(replaced.key)) alreadyThere++;
      } else {
        plans[placed.scene]!.insertions.push({ key: insertion.key, index: placed.found, pieces: insertion.pieces, change: insertion.change });
        insertionScene.set(insertion.key, placed.scene);
        if (replaced && plans[placed.scene]!.deletions.some((each) => each.key === replaced.key)) group.set(insertion.key, replaced.key);
      }
    }
    for (const paragraphBreak of section.breaks) {
      const what = paragraphBreak.kind === 'split' ? 'Start a new paragraph' : 'Join two paragraphs';
      const placed = section.heading
        ? null
        : tryScenes((match, live, scene) => {
            const inside = paragraphBreak.point.insertion;
            if (inside && insertionScene.get(inside.key) === scene) return { insertion: inside.key, offset: inside.offset } satisfies LivePoint;
            const at = match.point(paragraphBreak.point.at);
            if (at === null) return null;
            // Skip spaces to the paragraph boundary (a join), or see the boundary is already there (a split).
            let boundary = at;
            while (boundary < live.text.length && /[ \t\u200B]/.test(live.text[boundary]!)) boundary++;
            let before = at;
            while (before > 0 && /[ \t\u200B]/.test(live.text[before - 1]!)) before--;
            const atBoundary = live.text[boundary] === '\n' || before === 0 || live.text[before - 1] === '\n';
            if (paragraphBreak.kind === 'split') return atBoundary ? ('there' as const) : ({ index: at } satisfies LivePoint);
            // A join already suggested: the library's deleted zero-width markers on either side of the break.
            const joinPending = [boundary - 1, boundary + 1].some((i) => live.text[i] === '\u200B' && live.suggested[i] === 'deletion');
            return live.text[boundary] === '\n' && !joinPending ? ({ index: boundary } satisfies LivePoint) : ('there' as const);
          });
      if (!placed) unplaced.push({ kind: 'change', change: paragraphBreak.change, what, reason: section.heading ? REASON_HEADING : REASON_CHANGED });
      else if (placed.found === 'there') alreadyThere++;
      else plans[placed.scene]!.breaks.push({ key: paragraphBreak.key, kind: paragraphBreak.kind, point: placed.found, change: paragraphBreak.change });
    }
  }

  for (const thread of threads) {
    const placed = placeThread(thread, review, candidates, matchOf, insertionScene);
    if (typeof placed === 'string') unplaced.push({ kind: 'comment', thread, reason: placed });
    else plans[placed.scene]!.threads.push({ thread, from: placed.from, to: placed.to });
  }
  return { scenes: plans.filter((plan) => plan.insertions.length + plan.deletions.length + plan.breaks.length + plan.threads.length > 0), group, unplaced, alreadyThere };
}

/** The word before a point comment's mark (Word lets a comment sit between two characters). */
function wordBefore(text: string, at: number): number {
  const words = tokenize(text.slice(0, at)).filter((token) => /[\p{L}\p{N}]/u.test(token.key));
  return words.at(-1)?.start ?? at;
}

function placeThread(
  thread: ReviewThread,
  review: ReviewSections,
  candidates: number[][],
  matchOf: (section: ReviewSection, scene: number) => TextMatch,
  insertionScene: Map<number, number>,
): { scene: number; from: LivePoint; to: LivePoint } | string {
  const { places } = thread;
  let start = places.start ? review.locate(places.start) : null;
  let end = places.end ? review.locate(places.end) : null;
  if (!start && !end && places.reference) {
    // A comment on a point: on the word before it.
    const at = review.locate(places.reference);
    if (at) {
      const section = review.sections[at.section]!;
      start = { section: at.section, point: { at: wordBefore(section.text, at.point.at) } };
      end = at;
    }
  }
  start ??= end;
  end ??= start;
  if (!start || !end) return REASON_ELSEWHERE;
  const section = review.sections[start.section]!;
  if (section.heading) return REASON_HEADING;
  // A comment running on past a scene break keeps to its first scene.
  const endPoint: SectionPoint = end.section === start.section ? end.point : review.endOf(start.section);
  for (const scene of candidates[section.index]!) {
    const match = matchOf(section, scene);
    const inside = (point: SectionPoint): LivePoint | null => (point.insertion && insertionScene.get(point.insertion.key) === scene ? { insertion: point.insertion.key, offset: point.insertion.offset } : null);
    const from = inside(start.point);
    const to = inside(endPoint);
    if (from && to) return { scene, from, to };
    const passage = match.passage(start.point.at, endPoint.at);
    if (passage) return { scene, from: from ?? { index: passage.from }, to: to ?? { index: passage.to } };
    // On the editor's own words only, next to words that were kept.
    if (from || to) {
      const at = match.point(start.point.at);
      if (at !== null) return { scene, from: from ?? { index: at }, to: to ?? { index: at } };
    }
  }
  return REASON_CHANGED;
}
