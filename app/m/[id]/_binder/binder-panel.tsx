'use client';

import { useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import {
  addBinderItem,
  restoreBinderItem,
  SCENE_STATUSES,
  trashBinderItem,
  updateBinderItem,
  type Binder,
  type BinderKind,
  type BinderNode,
  type SceneStatus,
} from '@/lib/manuscript/binder';
import { dropOnto, indent, moveDown, moveUp, outdent } from '@/lib/manuscript/binder-moves';
import { binderCommand, flattenBinder, itemLabel, placeNewItem, STATUS_LABEL, wordsIn } from './binder-items';

export interface PresentWriter {
  name: string;
  color: string;
}

interface BinderPanelProps {
  doc: Y.Doc;
  binder: Binder;
  currentSceneId: string | null;
  onOpenScene: (sceneId: string) => void;
  presence: Map<string, PresentWriter[]>;
  counts: Map<string, number>;
  editable: boolean;
}

const numberFormat = new Intl.NumberFormat('en');

/** The manuscript's structure: parts, chapters and scenes, with counts and who is where. */
export function BinderPanel({ doc, binder, currentSceneId, onOpenScene, presence, counts, editable }: BinderPanelProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [showTrash, setShowTrash] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const current = currentSceneId ? binder.byId.get(currentSceneId) : undefined;
  const flat = flattenBinder(binder.roots);

  const focusItem = (id: string) => requestAnimationFrame(() => document.getElementById(`binder-${id}`)?.focus());

  const add = (kind: BinderKind) => {
    const place = placeNewItem(binder, kind, selectedId, currentSceneId);
    const id = addBinderItem(doc, { kind, title: place.title, parentId: place.parentId });
    if (kind === 'scene') onOpenScene(id);
    // A new chapter starts with a scene to write in, so the next "+ Scene" lands in it too.
    if (place.firstSceneTitle) onOpenScene(addBinderItem(doc, { kind: 'scene', title: place.firstSceneTitle, parentId: id }));
    setRenaming(id);
  };

  const onKeyDown = (event: KeyboardEvent, node: BinderNode) => {
    if (renaming) return;
    const index = flat.indexOf(node);
    const move = (action: () => boolean) => {
      event.preventDefault();
      if (editable && action()) focusItem(node.id);
    };
    const act = (action: () => void) => {
      event.preventDefault();
      action();
    };
    const target = { next: flat[index + 1], previous: flat[index - 1] };
    switch (binderCommand(event)) {
      case 'move-up':
        return move(() => moveUp(doc, binder, node.id));
      case 'move-down':
        return move(() => moveDown(doc, binder, node.id));
      case 'indent':
        return move(() => indent(doc, binder, node.id));
      case 'outdent':
        return move(() => outdent(doc, binder, node.id));
      case 'next':
        return target.next ? act(() => focusItem(target.next!.id)) : undefined;
      case 'previous':
        return target.previous ? act(() => focusItem(target.previous!.id)) : undefined;
      case 'open':
        return node.kind === 'scene' ? act(() => onOpenScene(node.id)) : undefined;
      case 'rename':
        return editable ? act(() => setRenaming(node.id)) : undefined;
      case 'trash':
        return editable ? act(() => trashBinderItem(doc, node.id)) : undefined;
    }
  };

  const renderNode = (node: BinderNode, depth: number) => {
    const people = node.kind === 'scene' ? (presence.get(node.id) ?? []) : [];
    const isCurrent = node.id === currentSceneId;
    return (
      <li key={node.id} role="none">
        <div
          id={`binder-${node.id}`}
          role="treeitem"
          aria-level={depth + 1}
          aria-selected={isCurrent}
          aria-label={itemLabel(node, wordsIn(node, counts))}
          tabIndex={isCurrent || (!currentSceneId && depth === 0) ? 0 : -1}
          className={`binder-item binder-${node.kind}${isCurrent ? ' current' : ''}${selectedId === node.id && !isCurrent ? ' selected' : ''}${dragged === node.id ? ' dragging' : ''}`}
          style={{ paddingLeft: `${0.5 + depth * 0.9}rem` }}
          draggable={editable && renaming !== node.id}
          onDragStart={(event) => {
            setDragged(node.id);
            event.dataTransfer.setData('text/plain', node.id);
            event.dataTransfer.effectAllowed = 'move';
          }}
          onDragEnd={() => setDragged(null)}
          onDragOver={(event) => {
            if (dragged && dragged !== node.id) event.preventDefault();
          }}
          onDrop={(event) => {
            event.preventDefault();
            const id = event.dataTransfer.getData('text/plain') || dragged;
            if (id) dropOnto(doc, binder, id, node.id);
            setDragged(null);
          }}
          onKeyDown={(event) => onKeyDown(event, node)}
          onClick={() => {
            setSelectedId(node.id);
            if (node.kind === 'scene') onOpenScene(node.id);
          }}
          onDoubleClick={() => editable && setRenaming(node.id)}
        >
          {renaming === node.id ? (
            <input
              className="binder-rename"
              aria-label={`Rename ${node.kind}`}
              defaultValue={node.title}
              autoFocus
              onFocus={(event) => event.target.select()}
              onClick={(event) => event.stopPropagation()}
              onKeyDown={(event) => {
                event.stopPropagation();
                if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
                if (event.key === 'Escape') setRenaming(null);
              }}
              onBlur={(event) => {
                const title = event.target.value.trim();
                if (title && title !== node.title) updateBinderItem(doc, node.id, { title });
                setRenaming(null);
                focusItem(node.id);
              }}
            />
          ) : (
            <span className="binder-title">{node.title || 'Untitled'}</span>
          )}
          {people.length > 0 ? (
            <span className="binder-people" role="img" aria-label={`Here: ${people.map((p) => p.name).join(', ')}`}>
              {people.map((person) => (
                <span key={person.name} className="presence-dot" style={{ background: person.color }} title={person.name} />
              ))}
            </span>
          ) : null}
          {node.kind === 'scene' && node.status !== 'draft' ? <span className={`status status-${node.status}`} data-label={STATUS_LABEL[node.status]} /> : null}
          <span className="binder-count" aria-label={`${wordsIn(node, counts)} words`} data-label={numberFormat.format(wordsIn(node, counts))} />
        </div>
        {node.children.length > 0 ? (
          <ul role="group" className="binder-list">
            {node.children.map((child) => renderNode(child, depth + 1))}
          </ul>
        ) : null}
      </li>
    );
  };

  return (
    <nav className="binder" aria-label="Binder">
      <ul role="tree" aria-label="Manuscript structure" className="binder-list">
        {binder.roots.map((node) => renderNode(node, 0))}
      </ul>
      {editable ? (
        <div className="binder-add">
          <button type="button" className="quiet" onClick={() => add('scene')}>
            + Scene
          </button>
          <button type="button" className="quiet" onClick={() => add('chapter')}>
            + Chapter
          </button>
          <button type="button" className="quiet" onClick={() => add('part')}>
            + Part
          </button>
        </div>
      ) : null}
      {editable ? <p className="binder-help muted small">Drag to move. Alt + ↑/↓ reorders, Alt + →/← moves into or out of a chapter. F2 renames, Delete moves to the trash.</p> : null}
      {current ? <SceneDetails doc={doc} scene={current} editable={editable} onRename={() => setRenaming(current.id)} /> : null}
      {binder.trash.length > 0 ? (
        <div className="binder-trash">
          <button type="button" className="link-button" aria-expanded={showTrash} onClick={() => setShowTrash((open) => !open)}>
            Trash ({binder.trash.length})
          </button>
          {showTrash ? (
            <ul className="binder-list" aria-label="Binder trash">
              {binder.trash.map((node) => (
                <li key={node.id} className="binder-item">
                  <span className="binder-title">{node.title || 'Untitled'}</span>
                  {editable ? (
                    <button type="button" className="quiet" onClick={() => restoreBinderItem(doc, node.id)}>
                      Restore
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </nav>
  );
}

function SceneDetails({ doc, scene, editable, onRename }: { doc: Y.Doc; scene: BinderNode; editable: boolean; onRename: () => void }) {
  return (
    <section className="scene-details" aria-label="Scene details">
      <div className="scene-details-head">
        <h3>{scene.title || 'Untitled'}</h3>
        {editable ? (
          <button type="button" className="link-button small" onClick={onRename}>
            Rename
          </button>
        ) : null}
      </div>
      <label htmlFor="scene-synopsis">Synopsis</label>
      <input
        id="scene-synopsis"
        key={`${scene.id}-${scene.synopsis}`}
        defaultValue={scene.synopsis}
        placeholder={editable ? 'One line: what happens here' : ''}
        readOnly={!editable}
        onBlur={(event) => event.target.value !== scene.synopsis && updateBinderItem(doc, scene.id, { synopsis: event.target.value })}
        onKeyDown={(event) => event.key === 'Enter' && (event.target as HTMLInputElement).blur()}
      />
      <label htmlFor="scene-status">Status</label>
      <select
        id="scene-status"
        value={scene.status}
        disabled={!editable}
        onChange={(event) => updateBinderItem(doc, scene.id, { status: event.target.value as SceneStatus })}
      >
        {SCENE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABEL[status]}
          </option>
        ))}
      </select>
      {editable ? (
        <button type="button" className="quiet small" onClick={() => trashBinderItem(doc, scene.id)}>
          Move scene to trash
        </button>
      ) : null}
    </section>
  );
}
