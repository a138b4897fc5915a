import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toDocx } from './docx';
import { sampleManuscript, sampleTitlePage } from './fixtures';
import { readManuscriptForExport, roundedWordCount } from './model';

async function parts(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = (name: string) => zip.file(name)!.async('string');
  const headerNames = Object.keys(zip.files).filter((name) => /^word\/header\d+\.xml$/.test(name));
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), headers: await Promise.all(headerNames.map(read)) };
}

/** The paragraphs of document.xml as [properties, text] pairs. */
function paragraphs(xml: string): { props: string; text: string; xml: string }[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((match) => {
    const inner = match[1] ?? match[2] ?? '';
    return { props: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? '', text: [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''), xml: inner };
  });
}

describe('Standard Manuscript Format DOCX, checked as a file', () => {
  it('has the fonts, sizes, spacing, indents, header, counts and markers of SMF', async () => {
    const manuscript = readManuscriptForExport(sampleManuscript(), sampleTitlePage);
    const { document, styles, headers } = await parts(await toDocx(manuscript, { font: 'modern', paper: 'letter' }));

    // 12 pt Times New Roman throughout, letter paper, 1-inch margins, a different first page.
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="24"\/>/);
    expect(document).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(document).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
    expect(document).toContain('<w:titlePg/>');

    const all = paragraphs(document);
    // Page one: legal name and contact lines single-spaced, the count rounded, flush right by a right tab.
    expect(all[0]!.text).toBe(`Evelyn Marshabout ${roundedWordCount(manuscript.wordCount)} words`);
    expect(all[0]!.xml).toContain('<w:tab/>');
    expect(all[0]!.props).toMatch(/<w:tab w:val="right" w:pos="9360"\/>/);
    expect(all.slice(0, 5).map((p) => p.text)).toEqual([expect.stringContaining('Evelyn Marsh'), '12 Harbour Lane', 'Portsmouth PO1 2AB', 'evelyn@example.test', '+44 1234 567890']);
    for (const p of all.slice(0, 5)) expect(p.props).toContain('w:line="240"');
    expect(all[0]!.text).toContain('about 100 words');

    // Title centred a third of the way down, "by Byline" a double space below.
    const title = all.find((p) => p.text === 'The Lighthouse Keeper')!;
    expect(title.props).toContain('<w:jc w:val="center"/>');
    expect(Number(/w:before="(\d+)"/.exec(title.props)![1])).toBeGreaterThan(2500);
    const byline = all.find((p) => p.text === 'by E. M. Stone')!;
    expect(byline.props).toContain('<w:jc w:val="center"/>');

    // Body: double-spaced, 0.5" first-line indent from formatting (no tabs), ragged right, no blank lines.
    const body = all.filter((p) => p.text.startsWith('The boat came in') || p.text.startsWith('She wrote it down'));
    expect(body).toHaveLength(2);
    for (const p of body) {
      expect(p.props).toContain('w:line="480"');
      expect(p.props).toContain('w:firstLine="720"');
      expect(p.props).not.toContain('w:val="both"');
      expect(p.xml).not.toContain('<w:tab/>');
    }
    expect(all.filter((p) => p.text === '' && !p.props.includes('sectPr'))).toHaveLength(0);

    // Italics stay italics.
    expect(document).toMatch(/<w:i\/>[\s\S]*?<w:t[^>]*>low in the water<\/w:t>/);
    // Scene breaks: a centred #, between scenes.
    const breaks = all.filter((p) => p.text === '#');
    expect(breaks).toHaveLength(1);
    expect(breaks[0]!.props).toContain('<w:jc w:val="center"/>');
    // The second chapter opens a new page, its heading a third of the way down; END closes.
    const storm = all.find((p) => p.text === 'Storm')!;
    expect(storm.props).toContain('<w:pageBreakBefore/>');
    expect(Number(/w:before="(\d+)"/.exec(storm.props)![1])).toBeGreaterThan(4000);
    expect(all.at(-1)!.text).toBe('END');
    expect(all.at(-1)!.props).toContain('<w:jc w:val="center"/>');

    // From page two: "Surname / Keyword / page" flush right with a live PAGE field; page one has none.
    const running = headers.find((xml) => xml.includes('Stone / Lighthouse / '))!;
    expect(running).toContain('<w:jc w:val="right"/>');
    expect(running).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(headers.some((xml) => !xml.includes('Lighthouse'))).toBe(true);
  });

  it('Classic uses Courier; A4 paper has A4 size', async () => {
    const manuscript = readManuscriptForExport(sampleManuscript(), sampleTitlePage);
    const { document, styles } = await parts(await toDocx(manuscript, { font: 'classic', paper: 'a4' }));
    expect(styles).toContain('w:ascii="Courier New"');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it.each([
    [1_449, 1_400],
    [1_450, 1_500],
    [19_949, 19_900],
    [20_240, 20_000],
    [20_250, 20_500],
    [87_312, 87_500],
    [12, 100],
  ])('%i words is "about %i words"', (words, rounded) => {
    expect(roundedWordCount(words)).toBe(rounded);
  });
});
