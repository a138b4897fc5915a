import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importManuscript } from '../import';
import { exportManuscript, ROUND_TRIP_FORMATS } from './index';
import { sampleManuscript, sampleTitlePage } from './fixtures';
import { readManuscriptForExport, type Block, type Run } from './model';

/** What must survive a round trip: chapters, their scenes, each paragraph's text and its italics. */
function shape(doc: Y.Doc) {
  const manuscript = readManuscriptForExport(doc, sampleTitlePage);
  const runs = (list: Run[]) => list.map((run) => ('break' in run ? '\n' : run.italic ? `<i>${run.text}</i>` : run.text)).join('');
  const block = (b: Block) => (b.type === 'blockquote' ? `> ${b.paragraphs.map(runs).join(' / ')}` : b.type === 'sceneBreak' ? '#' : runs(b.runs));
  return manuscript.chapters.map((chapter) => ({ chapter: chapter.title, scenes: chapter.scenes.map((scene) => scene.blocks.map(block)) }));
}

describe('export then import gives back the same manuscript', () => {
  const original = sampleManuscript();
  for (const format of ROUND_TRIP_FORMATS) {
    it(`${format}: same chapters, scenes, paragraphs and italics`, async () => {
      const bytes = await exportManuscript(original, sampleTitlePage, { format });
      const { manuscript, update } = await importManuscript({ name: `The Lighthouse Keeper.${format}`, bytes });
      const imported = new Y.Doc();
      Y.applyUpdate(imported, update);
      expect(shape(imported)).toEqual(shape(original));
      expect(manuscript.title).toBe('The Lighthouse Keeper');
    });
  }

  it('exports only the chosen chapters', async () => {
    const manuscript = readManuscriptForExport(original, sampleTitlePage);
    const storm = manuscript.chapters.find((chapter) => chapter.title === 'Storm')!;
    const text = new TextDecoder().decode(await exportManuscript(original, sampleTitlePage, { format: 'txt', chapterIds: [storm.id] }));
    expect(text).toContain('Storm');
    expect(text).not.toContain('The Harbour');
  });
});

describe('import splits scenes at the breaks writers type', () => {
  it.each(['#', '***', '* * *', '⁂'])('"%s" between paragraphs starts a new scene', async (marker) => {
    const source = `# Chapter One\n\nFirst scene, *in italics*.\n\n${marker === '#' ? '#' : marker}\n\nSecond scene.\n`;
    const { manuscript } = await importManuscript({ name: 'story.md', bytes: new TextEncoder().encode(source) });
    expect(manuscript.parts[0]!.chapters.map((c) => [c.title, c.scenes.length])).toEqual([['Chapter One', 2]]);
  });

  it('a centred asterism in HTML and an <hr> both split scenes; h1 and h2 become parts and chapters', async () => {
    const html = '<h1>Part One</h1><h2>Chapter A</h2><p>One.</p><p style="text-align:center">* * *</p><p>Two.</p><hr><p>Three.</p><h2>Chapter B</h2><p>Four.</p>';
    const { manuscript } = await importManuscript({ name: 'novel.html', bytes: new TextEncoder().encode(html) });
    expect(manuscript.parts.map((p) => [p.title, p.chapters.map((c) => [c.title, c.scenes.length])])).toEqual([['Part One', [['Chapter A', 3], ['Chapter B', 1]]]]);
  });

  it('refuses a file type it cannot read, with a clear message', async () => {
    await expect(importManuscript({ name: 'novel.pages', bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/imports .docx, .md, .html and .txt/);
  });
});

describe('a Markdown draft that opens with "# Title"', () => {
  const read = async (source: string) => (await importManuscript({ name: '/home/ada/drafts/draft.md', bytes: new TextEncoder().encode(source) })).manuscript;

  it('takes it as the manuscript’s title when its chapters are "##"', async () => {
    const manuscript = await read('# The Salt Road\n\n## Departure\n\nThey left.\n\n## Return\n\nNobody came back.\n');
    expect(manuscript.title).toBe('The Salt Road');
    expect(manuscript.parts.map((p) => [p.title, p.chapters.map((c) => c.title)])).toEqual([[null, ['Departure', 'Return']]]);
  });

  it('keeps parts when there are several "#", front matter’s title first, and a lone "#" chapter as a chapter', async () => {
    expect((await read('# Part One\n\n## A\n\nx\n\n# Part Two\n\n## B\n\ny\n')).parts.map((p) => p.title)).toEqual(['Part One', 'Part Two']);
    const fronted = await read('---\ntitle: "Salt"\n---\n\n# Book One\n\n## A\n\nx\n');
    expect([fronted.title, fronted.parts[0]!.title]).toEqual(['Salt', 'Book One']);
    const story = await read('# Chapter One\n\nIt began.\n');
    expect([story.title, story.parts[0]!.chapters[0]!.title]).toEqual(['draft', 'Chapter One']);
  });
});
