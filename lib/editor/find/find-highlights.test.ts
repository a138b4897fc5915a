// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FindHighlights, matchPosition, replaceSelected, selectNearest, showQuery, stepMatch } from './find-highlights';
import { openSceneEditor } from './test-editor';
import { manuscriptOf, paragraph, query, sceneText } from './test-fixtures';

function openScene(content: object[]) {
  const { doc, sceneIds } = manuscriptOf([content]);
  const editor = openSceneEditor(doc, sceneIds[0]!, [FindHighlights]);
  return { editor, doc, sceneId: sceneIds[0]! };
}

describe('Find in the open scene', () => {
  it('highlights with decorations only, counts, and moves round the scene', () => {
    const { editor, doc, sceneId } = openScene([paragraph('Anna rows. Anna sings.'), paragraph('Then Anna sleeps.')]);
    const before = Y.encodeStateAsUpdate(doc);
    showQuery(editor.view, query({ search: 'anna' }));
    selectNearest(editor.view);
    expect(matchPosition(editor.state)).toMatchObject({ current: 0, total: 3 });
    expect(editor.view.dom.querySelectorAll('.ProseMirror-search-match, .ProseMirror-active-search-match')).toHaveLength(3);
    stepMatch(editor.view, 1);
    stepMatch(editor.view, 1);
    expect(matchPosition(editor.state).current).toBe(2);
    stepMatch(editor.view, 1);
    expect(matchPosition(editor.state).current).toBe(0);
    stepMatch(editor.view, -1);
    expect(matchPosition(editor.state).current).toBe(2);
    // Nothing was written to the shared document.
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    showQuery(editor.view, null);
    expect(editor.view.dom.querySelectorAll('.ProseMirror-search-match, .ProseMirror-active-search-match')).toHaveLength(0);
    expect(sceneText(doc, sceneId)).toBe('Anna rows. Anna sings.\nThen Anna sleeps.');
  });

  it('Replace takes the selected match, moves to the next, and each is its own Undo', () => {
    const { editor, doc, sceneId } = openScene([paragraph('Anna rows. ', { text: 'Anna', marks: ['italic'] }, ' sings.')]);
    const q = query({ search: 'Anna', replace: 'Hanna', caseSensitive: true });
    showQuery(editor.view, q);
    replaceSelected(editor.view, q); // nothing selected yet: selects the first match
    expect(sceneText(doc, sceneId)).toBe('Anna rows. Anna sings.');
    replaceSelected(editor.view, q);
    expect(sceneText(doc, sceneId)).toBe('Hanna rows. Anna sings.');
    expect(matchPosition(editor.state)).toMatchObject({ current: 0, total: 1 });
    replaceSelected(editor.view, q);
    expect(sceneText(doc, sceneId)).toBe('Hanna rows. Hanna sings.');
    expect(editor.getJSON().content?.[0]?.content?.[1]).toMatchObject({ text: 'Hanna', marks: [{ type: 'italic' }] });
    editor.commands.undo();
    expect(sceneText(doc, sceneId)).toBe('Hanna rows. Anna sings.');
  });
});
