import * as Y from 'yjs';
import { sceneField } from '../lib/collab/room-name';
import { addBinderItem } from '../lib/manuscript/binder';

const LEXICON = 'the sea was quiet and grey under a low sky while she walked along the harbour wall thinking of letters never sent'.split(' ');

/** A novel-sized manuscript: `words` words in `scenes` scenes, three scenes to a chapter, with some italics. */
export function buildManuscript(words = 100_000, scenes = 60): Y.Doc {
  const doc = new Y.Doc();
  let chapter = '';
  const perScene = Math.ceil(words / scenes);
  let written = 0;
  for (let s = 0; s < scenes; s++) {
    if (s % 3 === 0) chapter = addBinderItem(doc, { kind: 'chapter', title: `Chapter ${s / 3 + 1}` });
    const scene = addBinderItem(doc, { kind: 'scene', title: `Scene ${s + 1}`, parentId: chapter });
    const paragraphs: Y.XmlElement[] = [];
    const count = Math.min(perScene, words - written);
    for (let w = 0; w < count; w += 80) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = Array.from({ length: Math.min(80, count - w) }, (_, i) => LEXICON[(s + w + i) % LEXICON.length]).join(' ');
      const xmlText = new Y.XmlText();
      xmlText.insert(0, text);
      xmlText.format(4, 3, { italic: {} });
      paragraph.insert(0, [xmlText]);
      paragraphs.push(paragraph);
    }
    doc.getXmlFragment(sceneField(scene)).insert(0, paragraphs);
    written += count;
  }
  return doc;
}
