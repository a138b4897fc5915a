import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toEpub } from './epub';
import { sampleManuscript, sampleTitlePage } from './fixtures';
import { readManuscriptForExport } from './model';
import { toPdf } from './pdf';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-export-'));
const ARTIFACTS = path.join('e2e', 'artifacts');
const manuscript = () => readManuscriptForExport(sampleManuscript(), sampleTitlePage);

describe('PDF, checked with poppler', () => {
  it('holds the manuscript text in order, embeds its faces, and renders to pages we keep', async () => {
    const file = path.join(dir, 'manuscript.pdf');
    fs.writeFileSync(file, await toPdf(manuscript(), { font: 'modern', paper: 'letter' }));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('about 100 words');
    const inOrder = ['Evelyn Marsh', '12 Harbour Lane', 'The Lighthouse Keeper', 'by E. M. Stone', 'The Harbour', 'The boat came in at dusk', '#', 'At night the lamp turned', 'Keep the light burning.', 'Storm', 'By morning the wreck was gone', 'She wrote it down anyway.', 'END'];
    let at = -1;
    for (const piece of inOrder) {
      const found = text.indexOf(piece, at + 1);
      expect(found, `"${piece}" after position ${at}`).toBeGreaterThan(at);
      at = found;
    }
    expect(text).toContain('Stone / Lighthouse / 2');
    expect(text).not.toContain('Stone / Lighthouse / 1');

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.some((row) => /Tinos/.test(row))).toBe(true);
    expect(rows.some((row) => /Tinos-Italic/.test(row))).toBe(true);
    for (const row of rows) expect(row, 'every face embedded').toMatch(/\byes\b/);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(ARTIFACTS, 'manuscript-pdf')]);
    expect(fs.readdirSync(ARTIFACTS).filter((name) => name.startsWith('manuscript-pdf')).length).toBeGreaterThanOrEqual(2);
  });

  it('Classic embeds Courier Prime on A4', async () => {
    const file = path.join(dir, 'classic.pdf');
    fs.writeFileSync(file, await toPdf(manuscript(), { font: 'classic', paper: 'a4' }));
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/CourierPrime/);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });
});

describe('EPUB 3, validated by epubcheck', () => {
  it('passes epubcheck with no errors, with a contents page from the chapters and scene breaks kept', async () => {
    const file = path.join(dir, 'manuscript.epub');
    const bytes = await toEpub(manuscript());
    fs.writeFileSync(file, bytes);
    // Debian's /usr/bin/epubcheck is the jar itself; run it through java.
    const check = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', file], { encoding: 'utf8' });
    expect(`${check.stdout}\n${check.stderr}`).toMatch(/No errors or warnings detected/);
    expect(check.status).toBe(0);

    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)[0]).toBe('mimetype');
    const nav = await zip.file('OEBPS/nav.xhtml')!.async('string');
    expect([...nav.matchAll(/<a href="(chapter-\d+\.xhtml)">([^<]+)<\/a>/g)].map((m) => m[2])).toEqual(['The Harbour', 'Storm']);
    const first = await zip.file('OEBPS/chapter-001.xhtml')!.async('string');
    expect(first).toContain('<p class="scene-break">#</p>');
    expect(first).toContain('<em>low in the water</em>');
    expect(await zip.file('OEBPS/title.xhtml')!.async('string')).toContain('by E. M. Stone');
  }, 60_000);
});
