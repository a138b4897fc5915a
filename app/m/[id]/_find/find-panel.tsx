'use client';

import { getSchema } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { manuscriptExtensions } from '@/lib/editor/extensions';
import { replaceSelected, selectRange, stepMatch } from '@/lib/editor/find/find-highlights';
import { buildQuery } from '@/lib/editor/find/query';
import { replaceAll, standaloneReplaceUndo, type ReplaceAllOutcome } from '@/lib/editor/find/replace-all';
import { findResults, type Match } from '@/lib/editor/find/search';
import type { Binder } from '@/lib/manuscript/binder';
import { ResultsList } from './find-results';
import { countText, describeOutcome, plural, sceneToStepTo, searchFromSelection, UNDO_TEXT, type Scope } from './find-words';
import { useEditorMatches, useManuscriptResults, type FindMode, type OpenEditor } from './use-find';

interface FindPanelProps {
  mode: FindMode;
  /** Bumped each time a shortcut asks for the panel, so the Find field takes focus again. */
  summons: number;
  doc: Y.Doc;
  binder: Binder;
  open: OpenEditor | null;
  writable: boolean;
  onMode: (mode: FindMode) => void;
  onOpenScene: (sceneId: string) => void;
  onClose: () => void;
}

/** Find (Ctrl+F) and Find and replace (Ctrl+H): in the open scene, or across the whole manuscript. */
export function FindPanel(props: FindPanelProps) {
  const { mode, open, doc, binder, writable } = props;
  const ids = useId();
  const findField = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(() => searchFromSelection(selectedText(open)));
  const [replace, setReplace] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [regexp, setRegexp] = useState(false);
  const [scopeChoice, setScope] = useState<Scope>('scene');
  const scope: Scope = open ? scopeChoice : 'manuscript';
  const [report, setReport] = useState<{ text: string; outcome: ReplaceAllOutcome | null } | null>(null);
  const standalone = useRef<Y.UndoManager | null>(null);
  const pending = useRef<{ sceneId: string; match: Match } | null>(null);
  const schema = useMemo(() => getSchema(manuscriptExtensions()), []);

  const built = useMemo(() => buildQuery({ search, replace, caseSensitive, wholeWord, regexp }), [search, replace, caseSensitive, wholeWord, regexp]);
  const query = built.ok ? built.query : null;
  const position = useEditorMatches(open, query);
  const { results, refresh: refreshResults } = useManuscriptResults(doc, binder, query, true);

  useEffect(() => {
    findField.current?.focus();
    findField.current?.select();
  }, [props.summons]);
  useEffect(() => () => standalone.current?.destroy(), []);
  useEffect(() => setReport(null), [search, replace, caseSensitive, wholeWord, regexp, scope]);

  // A result chosen in another scene is selected once that scene's editor has its text.
  useEffect(() => {
    const target = pending.current;
    if (!open || !target || open.sceneId !== target.sceneId || !query) return;
    const tryToSelect = () => {
      const found = findResults(open.editor.state, query);
      if (found.length === 0) return false;
      const same = found[target.match.ordinal];
      const chosen = same && same.from === target.match.from ? same : found.reduce((a, b) => (Math.abs(b.from - target.match.from) < Math.abs(a.from - target.match.from) ? b : a));
      selectRange(open.editor.view, chosen);
      pending.current = null;
      return true;
    };
    if (tryToSelect()) return;
    const onTransaction = () => {
      if (tryToSelect()) open.editor.off('transaction', onTransaction);
    };
    open.editor.on('transaction', onTransaction);
    return () => void open.editor.off('transaction', onTransaction);
  }, [open, query]);

  const close = () => {
    props.onClose();
    open?.editor.commands.focus();
  };

  const step = (direction: 1 | -1) => {
    const atEdge = position.total === 0 || (direction === 1 ? position.current === position.total - 1 : position.current === 0);
    // Across the manuscript, stepping past this scene's last (or first) match opens the next scene that has one.
    if (scope === 'manuscript' && atEdge && results && results.total > 0 && stepToScene(direction)) return;
    if (open && position.total > 0) stepMatch(open.editor.view, direction);
  };

  const stepToScene = (direction: 1 | -1): boolean => {
    const target = results ? sceneToStepTo(results, binder.scenes.map((scene) => scene.id), open?.sceneId ?? null, direction) : null;
    if (!target) return false;
    openResult(target.scene.id, direction === 1 ? target.matches[0]! : target.matches[target.matches.length - 1]!);
    return true;
  };

  const replaceOne = () => {
    if (!open || !query || !writable) return;
    if (position.total === 0 && scope === 'manuscript') return void stepToScene(1);
    replaceSelected(open.editor.view, query);
  };

  const replaceEverywhere = () => {
    if (!query || !writable) return;
    const sceneIds = scope === 'scene' && open ? [open.sceneId] : binder.scenes.map((scene) => scene.id);
    const editorUndo = open ? (yUndoPluginKey.getState(open.editor.state)?.undoManager as Y.UndoManager | undefined) : undefined;
    let undoManager = editorUndo;
    if (!undoManager) {
      standalone.current?.destroy();
      undoManager = standalone.current = standaloneReplaceUndo(doc);
    }
    const outcome = replaceAll({ doc, schema, sceneIds, query, mayEdit: () => writable, undoManager });
    setReport({ text: describeOutcome(outcome, scope), outcome: outcome.replaced > 0 ? outcome : null });
    refreshResults();
  };

  const undoReplace = () => {
    if (!report?.outcome) return;
    const result = report.outcome.undo();
    refreshResults();
    setReport({ text: UNDO_TEXT[result], outcome: result === 'not-latest' ? report.outcome : null });
  };

  const openResult = (sceneId: string, match: Match) => {
    pending.current = { sceneId, match };
    if (open?.sceneId === sceneId) {
      // Same scene: select at once.
      const found = query ? findResults(open.editor.state, query) : [];
      const chosen = found[match.ordinal];
      if (chosen) selectRange(open.editor.view, chosen);
      pending.current = null;
    } else props.onOpenScene(sceneId);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };
  const onFindKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  };
  const onReplaceKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) replaceEverywhere();
    else replaceOne();
  };

  // In this scene with nothing found, say whether other scenes have it, one click away.
  const elsewhere = scope === 'scene' && query && position.total === 0 && results ? results.total : 0;
  const canStep = position.total > 0 || (scope === 'manuscript' && !!results && results.total > 0);
  const title = mode === 'replace' ? 'Find and replace' : 'Find';
  const count = countText(!!query, scope, position, results);

  return (
    <aside className="share-panel card find-panel" aria-label={title} onKeyDown={onKeyDown}>
      <div className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="quiet" onClick={close} aria-label={`Close ${title.toLowerCase()}`}>
          Close
        </button>
      </div>
      <div className="find-row">
        <label htmlFor={`${ids}-find`}>Find</label>
        <input
          id={`${ids}-find`}
          ref={findField}
          type="search"
          value={search}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${ids}-count`}
          aria-invalid={!built.ok && built.message ? true : undefined}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={onFindKey}
        />
      </div>
      <div className="find-under">
        <p id={`${ids}-count`} className="find-count small" role="status" aria-label="Matches">
          {count}
          {elsewhere > 0 ? (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => setScope('manuscript')}>
                {plural(elsewhere, 'match', 'matches')} in other scenes
              </button>
            </>
          ) : null}
        </p>
        <span className="find-step">
          <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!canStep} onClick={() => step(-1)}>
            ↑
          </button>
          <button type="button" aria-label="Next match" title="Next match (Enter)" disabled={!canStep} onClick={() => step(1)}>
            ↓
          </button>
        </span>
      </div>
      {!built.ok && built.message ? <p className="find-problem find-under small">{built.message}</p> : null}
      {mode === 'replace' ? (
        writable ? (
          <div className="find-row">
            <label htmlFor={`${ids}-replace`}>Replace with</label>
            <input id={`${ids}-replace`} type="text" value={replace} autoComplete="off" spellCheck={false} onChange={(event) => setReplace(event.target.value)} onKeyDown={onReplaceKey} />
          </div>
        ) : (
          <p className="muted small find-under">You can search this manuscript, but replacing needs an editor’s role.</p>
        )
      ) : null}
      <fieldset className="find-options find-under">
        <legend className="visually-hidden">Options</legend>
        <label>
          <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} /> Match case
        </label>
        <label>
          <input type="checkbox" checked={wholeWord} onChange={(event) => setWholeWord(event.target.checked)} /> Whole word
        </label>
        <label>
          <input type="checkbox" checked={regexp} onChange={(event) => setRegexp(event.target.checked)} /> Regular expression
        </label>
      </fieldset>
      <fieldset className="find-scope">
        <legend>Search in</legend>
        <span>
        <label>
          <input type="radio" name={`${ids}-scope`} checked={scope === 'scene'} disabled={!open} onChange={() => setScope('scene')} /> This scene
        </label>
        <label>
          <input type="radio" name={`${ids}-scope`} checked={scope === 'manuscript'} onChange={() => setScope('manuscript')} /> Whole manuscript
        </label>
        </span>
      </fieldset>
      {mode === 'replace' && writable ? (
        <div className="find-actions">
          <button type="button" disabled={!query || !open || !canStep} onClick={replaceOne} title="Replace the selected match and go to the next (Enter in Replace with)">
            Replace
          </button>
          <button type="button" className="primary" disabled={!query} onClick={replaceEverywhere} title={scope === 'manuscript' ? 'Replace every match in every scene, as one change you can undo' : 'Replace every match in this scene'}>
            Replace all
          </button>
        </div>
      ) : mode === 'find' ? (
        <button type="button" className="link-button small" onClick={() => props.onMode('replace')}>
          Replace…
        </button>
      ) : null}
      {report ? (
        <div className="find-report" role="status" aria-label="Replace result">
          <p>{report.text}</p>
          {report.outcome ? (
            <button type="button" onClick={undoReplace}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
      {scope === 'manuscript' && results && results.total > 0 ? <ResultsList scenes={results.scenes} truncated={results.truncated} currentSceneId={open?.sceneId ?? null} onOpen={openResult} /> : null}
    </aside>
  );
}

/** The open editor's selected text, lines joined by line breaks. */
function selectedText(open: OpenEditor | null): string {
  if (!open || open.editor.isDestroyed) return '';
  const { from, to, empty } = open.editor.state.selection;
  return empty ? '' : open.editor.state.doc.textBetween(from, to, '\n');
}
