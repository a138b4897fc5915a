import { describe, expect, it } from 'vitest';
import { withDefaultAuthor } from '../export/title-page';
import { sampleTitlePage } from '../export/fixtures';
import { titleFromFileName } from './file-title';
import { importManuscript } from './index';

describe('an imported manuscript with no title line', () => {
  it('is titled from the file name, without folders or extension', () => {
    expect(titleFromFileName('/tmp/e2e/run-3/The Salt Road.txt')).toBe('The Salt Road');
    expect(titleFromFileName('C:\\Users\\ada\\Drafts\\novel.final.docx')).toBe('novel.final');
    expect(titleFromFileName('story.md')).toBe('story');
    expect(titleFromFileName('/drafts/.md')).toBe('');
  });

  it('keeps that title through the import, given a full path as the CLI does', async () => {
    const { manuscript } = await importManuscript({ name: '/var/tmp/drafts/quiet harbour.txt', bytes: new TextEncoder().encode('It was quiet.\n\n#\n\nStill quiet.\n') });
    expect(manuscript.title).toBe('quiet harbour');
  });
});

describe('the title page author', () => {
  const unsigned = { ...sampleTitlePage, authorLegalName: '', byline: '' };

  it('is the owner until the writer sets one', () => {
    expect(withDefaultAuthor(unsigned, 'Ada Lovelace').byline).toBe('Ada Lovelace');
    expect(withDefaultAuthor({ ...unsigned, authorLegalName: 'Augusta King' }, 'Ada Lovelace')).toEqual({ ...unsigned, authorLegalName: 'Augusta King' });
    expect(withDefaultAuthor(sampleTitlePage, 'Ada Lovelace')).toBe(sampleTitlePage);
    expect(withDefaultAuthor(unsigned, undefined)).toBe(unsigned);
  });
});
