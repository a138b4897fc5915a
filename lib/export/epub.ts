import crypto from 'node:crypto';
import JSZip from 'jszip';
import { chapterBodyHtml, escapeHtml, READING_CSS } from './html';
import type { ExportManuscript } from './model';

const xhtml = (title: string, body: string, extraHead = '') => `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
<head>
<meta charset="utf-8"/>
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>${extraHead}
</head>
<body>
${body}
</body>
</html>
`;

/**
 * EPUB 3 for e-readers and beta readers: a title page, a navigable table of contents from the
 * chapters, one XHTML file per chapter, scene breaks kept. Built directly with JSZip: the format is
 * a zip of a few XML files, and writing them ourselves keeps every byte under test (epubcheck).
 */
export async function toEpub(manuscript: ExportManuscript, now = new Date()): Promise<Buffer> {
  const { titlePage } = manuscript;
  const author = titlePage.byline || titlePage.authorLegalName;
  const identifier = `urn:uuid:${crypto.randomUUID()}`;
  const chapters = manuscript.chapters.map((chapter, index) => ({
    file: `chapter-${String(index + 1).padStart(3, '0')}.xhtml`,
    title: chapter.title || (manuscript.chapters.length === 1 ? titlePage.title : `Chapter ${index + 1}`),
    chapter,
  }));

  const zip = new JSZip();
  // The mimetype entry comes first and uncompressed, as the OCF container format requires.
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`,
  );
  zip.file('OEBPS/style.css', `${READING_CSS}\nbody { background: none; }\nmain { padding: 0; }\nh1.title { text-align: center; font-weight: normal; margin-top: 30%; }\np.byline { text-align: center; text-indent: 0; font-style: italic; }\n`);
  zip.file(
    'OEBPS/title.xhtml',
    xhtml(titlePage.title, `<section epub:type="titlepage"><h1 class="title">${escapeHtml(titlePage.title)}</h1>${author ? `<p class="byline">by ${escapeHtml(author)}</p>` : ''}</section>`),
  );
  for (const { file, chapter } of chapters) {
    const part = chapter.partTitle ? `<h1 class="part">${escapeHtml(chapter.partTitle)}</h1>\n` : '';
    zip.file(`OEBPS/${file}`, xhtml(chapter.title || titlePage.title, `<section epub:type="chapter">\n${part}${chapterBodyHtml(chapter)}\n</section>`));
  }
  zip.file(
    'OEBPS/nav.xhtml',
    xhtml(
      'Contents',
      `<nav epub:type="toc" id="toc"><h2>Contents</h2><ol>\n${chapters.map(({ file, title }) => `<li><a href="${file}">${escapeHtml(title)}</a></li>`).join('\n')}\n</ol></nav>
<nav epub:type="landmarks" hidden="hidden"><ol><li><a epub:type="titlepage" href="title.xhtml">Title page</a></li><li><a epub:type="bodymatter" href="${chapters[0]?.file ?? 'title.xhtml'}">Start</a></li></ol></nav>`,
    ),
  );
  const modified = now.toISOString().replace(/\.\d+Z$/, 'Z');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${identifier}</dc:identifier>
    <dc:title>${escapeHtml(titlePage.title)}</dc:title>
    <dc:language>en</dc:language>
${author ? `    <dc:creator>${escapeHtml(author)}</dc:creator>\n` : ''}${titlePage.genre ? `    <dc:subject>${escapeHtml(titlePage.genre)}</dc:subject>\n` : ''}    <meta property="dcterms:modified">${modified}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="style" href="style.css" media-type="text/css"/>
    <item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
${chapters.map(({ file }, index) => `    <item id="chapter-${index + 1}" href="${file}" media-type="application/xhtml+xml"/>`).join('\n')}
  </manifest>
  <spine>
    <itemref idref="title"/>
    <itemref idref="nav" linear="no"/>
${chapters.map((_chapter, index) => `    <itemref idref="chapter-${index + 1}"/>`).join('\n')}
  </spine>
</package>
`,
  );
  return zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip', compression: 'DEFLATE' });
}
