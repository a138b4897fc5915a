/**
 * Find and replace over a 100,000-word manuscript of 60 scenes, from the Y.Doc alone (no editor):
 * searching cold (every scene's fragment converted to a ProseMirror node) and warm (nodes kept until
 * their scene changes, as the Find panel does), then Replace all and its Undo.
 * Prints a table and writes bench/results/find.json.   Run: npm run bench:find
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getSchema } from '@tiptap/core';
import { manuscriptExtensions } from '../lib/editor/extensions';
import { buildQuery, type FindOptions } from '../lib/editor/find/query';
import { replaceAll, standaloneReplaceUndo } from '../lib/editor/find/replace-all';
import { SceneNodes } from '../lib/editor/find/scene-nodes';
import { searchManuscript } from '../lib/editor/find/search';
import { readBinder } from '../lib/manuscript/binder';
import { countManuscriptWords } from '../lib/manuscript/word-count';
import { buildManuscript } from './manuscript';

const RUNS = 7;
const BUDGET_MS = 200;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const worst = (values: number[]) => Math.max(...values);

const QUERIES: { label: string; options: FindOptions }[] = [
  { label: 'rare word "letters"', options: { search: 'letters' } },
  { label: 'common word "the"', options: { search: 'the' } },
  { label: '"sea", whole word, match case', options: { search: 'sea', wholeWord: true, caseSensitive: true } },
  { label: 'regular expression /\\bhar\\w+/', options: { search: '\\bhar\\w+', regexp: true } },
  { label: 'no match "zebra"', options: { search: 'zebra' } },
];

function queryOf(options: FindOptions) {
  const built = buildQuery(options);
  if (!built.ok) throw new Error(`bad query ${options.search}`);
  return built.query;
}

function main() {
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const schema = getSchema(manuscriptExtensions());
  const doc = buildManuscript();
  const words = countManuscriptWords(doc);
  const binder = readBinder(doc);
  const scenes = binder.scenes.map((scene) => ({ id: scene.id, title: scene.title, chapterTitle: null }));

  const rows: { scenario: string; matches: number; medianMs: number; worstMs: number }[] = [];
  for (const { label, options } of QUERIES) {
    const query = queryOf(options);
    const cold: number[] = [];
    const warm: number[] = [];
    let matches = 0;
    for (let run = 0; run < RUNS; run++) {
      const nodes = new SceneNodes(doc, schema);
      let started = performance.now();
      matches = searchManuscript(scenes, (id) => nodes.node(id), query).total;
      cold.push(performance.now() - started);
      started = performance.now();
      searchManuscript(scenes, (id) => nodes.node(id), query);
      warm.push(performance.now() - started);
      nodes.destroy();
    }
    rows.push({ scenario: `search cold: ${label}`, matches, medianMs: median(cold), worstMs: worst(cold) });
    rows.push({ scenario: `search warm: ${label}`, matches, medianMs: median(warm), worstMs: worst(warm) });
  }

  // Replace all, then its one Undo, on fresh copies so every run replaces the same text.
  const replaceTimes: number[] = [];
  const undoTimes: number[] = [];
  let replaced = 0;
  let inScenes = 0;
  for (let run = 0; run < RUNS; run++) {
    const copy = buildManuscript();
    const undoManager = standaloneReplaceUndo(copy);
    let started = performance.now();
    const outcome = replaceAll({ doc: copy, schema, sceneIds: readBinder(copy).scenes.map((s) => s.id), query: queryOf({ search: 'harbour', replace: 'quay' }), mayEdit: () => true, undoManager });
    replaceTimes.push(performance.now() - started);
    replaced = outcome.replaced;
    inScenes = outcome.scenes;
    started = performance.now();
    if (outcome.undo() !== 'undone') throw new Error(`undo refused: ${outcome.replaced} replaced, stack ${undoManager.undoStack.length}`);
    undoTimes.push(performance.now() - started);
    undoManager.destroy();
    copy.destroy();
  }
  rows.push({ scenario: `replace all "harbour" → "quay" (${inScenes} scenes)`, matches: replaced, medianMs: median(replaceTimes), worstMs: worst(replaceTimes) });
  rows.push({ scenario: 'undo of that replace all', matches: replaced, medianMs: median(undoTimes), worstMs: worst(undoTimes) });
  const loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');

  console.log(`\nFind and replace in a ${words.toLocaleString('en')}-word manuscript of ${scenes.length} scenes (median and worst of ${RUNS}; budget for a search ${BUDGET_MS} ms)`);
  console.log(`load average (uptime) before: ${loadBefore}, after: ${loadAfter}; ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log(`${'scenario'.padEnd(52)}${'matches'.padStart(9)}${'median ms'.padStart(11)}${'worst ms'.padStart(10)}`);
  for (const row of rows) {
    console.log(`${row.scenario.padEnd(52)}${String(row.matches).padStart(9)}${row.medianMs.toFixed(1).padStart(11)}${row.worstMs.toFixed(1).padStart(10)}`);
  }
  const searches = rows.filter((row) => row.scenario.startsWith('search'));
  const overBudget = searches.filter((row) => row.medianMs > BUDGET_MS);
  console.log(overBudget.length === 0 ? `\nevery search under ${BUDGET_MS} ms (median)` : `\nover ${BUDGET_MS} ms: ${overBudget.map((row) => row.scenario).join('; ')}`);
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  const result = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, loadBefore, loadAfter }, words, scenes: scenes.length, runs: RUNS, budgetMs: BUDGET_MS, rows };
  fs.writeFileSync(path.join('bench', 'results', 'find.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('written to bench/results/find.json');
}

main();
