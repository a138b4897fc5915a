import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { manuscriptExtensions } from './extensions';

describe('manuscript schema', () => {
  it('holds exactly the prose nodes and marks a manuscript uses', () => {
    const schema = getSchema(manuscriptExtensions());
    expect(Object.keys(schema.nodes).sort()).toEqual(
      ['blockquote', 'doc', 'hardBreak', 'heading', 'paragraph', 'sceneBreak', 'text'].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'deletion', 'insertion', 'italic', 'modification']);
  });

  it('parses a scene break and a chapter heading from JSON', () => {
    const schema = getSchema(manuscriptExtensions());
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Chapter One' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'It began.', marks: [{ type: 'italic' }] }] },
        { type: 'sceneBreak' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Later.' }] },
      ],
    });
    expect(doc.textBetween(0, doc.content.size, '\n', (node) => (node.type.name === 'sceneBreak' ? '#' : ''))).toBe(
      'Chapter One\nIt began.\n#\nLater.',
    );
  });
});
