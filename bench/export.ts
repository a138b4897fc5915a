/**
 * Export times for a 100,000-word manuscript of 60 scenes, every format, from the Y.Doc to bytes.
 * Prints a table and writes bench/results/export.json.   Run: npm run bench:export
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sampleTitlePage } from '../lib/export/fixtures';
import { EXPORT_FORMATS, exportManuscript } from '../lib/export';
import { countManuscriptWords } from '../lib/manuscript/word-count';
import { buildManuscript } from './manuscript';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const doc = buildManuscript();
  const rows: { format: string; ms: number; bytes: number }[] = [];
  for (const format of EXPORT_FORMATS) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      bytes = (await exportManuscript(doc, sampleTitlePage, { format })).byteLength;
      times.push(performance.now() - started);
    }
    rows.push({ format, ms: median(times), bytes });
  }
  console.log(`\nExport of a ${countManuscriptWords(doc).toLocaleString('en')}-word manuscript (median of ${RUNS})\n`);
  console.log(`${'format'.padEnd(8)}${'ms'.padStart(10)}${'KiB'.padStart(10)}`);
  for (const row of rows) console.log(`${row.format.padEnd(8)}${row.ms.toFixed(0).padStart(10)}${(row.bytes / 1024).toFixed(0).padStart(10)}`);
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  const result = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, words: countManuscriptWords(doc), rows };
  fs.writeFileSync(path.join('bench', 'results', 'export.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('\nwritten to bench/results/export.json');
}

void main();
