'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { canWrite, ROLE_DESCRIPTION, type Role } from '@/lib/access/roles';
import type { SaveStatus } from '@/lib/collab/save-tracker';
import type { EditingMode } from '@/lib/editor/suggestions/modes';
import type { SuggestionView } from '@/lib/manuscript/word-count';
import type { Member } from '@/lib/storage/records';
import type { CollabEndpoint } from '../../_server/collab-url';
import { BinderPanel, wordsIn } from './_binder/binder-panel';
import { CommentsPanel } from './_margin/comments-panel';
import { ExportPanel } from './_panels/export-panel';
import { ImportChangesPanel } from './_panels/import-changes-panel';
import { FindPanel } from './_find/find-panel';
import { HistoryPanel } from './_history/history-panel';
import { PresenceList } from './_session/presence-list';
import { Progress } from './_binder/progress';
import { ReadThrough } from './_editor/read-through';
import { RestoredNotice } from './_session/restored-notice';
import { SceneEditor } from './_editor/scene-editor';
import { SuggestionViewSwitch } from './_binder/suggestion-view';
import { SharePanel, type PendingInvitation } from './_panels/share-panel';
import { TopBarClient } from './_top-bar/top-bar-client';
import { COVERS_THE_PAGE, keepFocusInside } from './_panels/drawer';
import { useBinder } from './_binder/use-binder';
import { useFocusMode } from './_editor/use-focus-mode';
import { WritingRoomPanel } from './_panels/writing-room-panel';
import { useCollabSession } from './_session/use-collab-session';
import { useCommentTyping } from './_margin/use-comment-typing';
import { useFindShortcuts, type FindMode, type OpenEditor } from './_find/use-find';
import { useComments } from './_margin/use-comments';
import { useScenePresence } from './_session/use-presence';
import { useWordCounts } from './_editor/use-word-counts';

const STATUS_TEXT: Record<SaveStatus, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline – changes kept on this device',
};

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

interface WorkspaceProps {
  manuscriptId: string;
  title: string;
  collab: CollabEndpoint;
  me: { id: string; name: string; color: string };
  initialRole: Role;
  members: Member[];
  invitations: PendingInvitation[];
  targetWords: number | null;
  deadline: string | null;
}

export function ManuscriptWorkspace(props: WorkspaceProps) {
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const { session, status, role, fatal, stalled, restoreResult } = useCollabSession(props.manuscriptId, props.initialRole, props.collab);
  const binder = useBinder(session?.doc ?? null);
  const presence = useScenePresence(session?.provider ?? null);
  const [suggestionView, setSuggestionView] = useState<SuggestionView>('original');
  const counts = useWordCounts(session?.doc ?? null, binder?.scenes.map((scene) => scene.id) ?? [], props.manuscriptId, suggestionView);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<'share' | 'export' | 'import' | 'history' | 'comments' | 'room' | null>(null);
  const togglePanel = (which: 'share' | 'export' | 'import' | 'history' | 'comments' | 'room') => setPanel((open) => (open === which ? null : which));
  // On phones and tablets the binder is a drawer opened from the top bar.
  const [binderOpen, setBinderOpen] = useState(false);
  const binderButton = useRef<HTMLButtonElement>(null);
  const closeBinder = () => {
    setBinderOpen(false);
    binderButton.current?.focus();
  };
  const { focus: focusMode, quiet } = useFocusMode();
  useEffect(() => {
    if (binderOpen) document.querySelector<HTMLElement>('#binder-drawer [role="treeitem"][tabindex="0"], #binder-drawer button')?.focus();
  }, [binderOpen]);
  const comments = useComments(session?.provider ?? null);
  const commentTyping = useCommentTyping(session?.provider ?? null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const members = props.members.map((member) => ({ userId: member.userId, name: member.name }));
  const [restores, setRestores] = useState(0);
  // A co-author's restore (it names who restored) gets its own calm banner; this writer's own gets the notice.
  const [restoredByOther, setRestoredByOther] = useState<{ restoredBy: string; draftName: string } | null>(null);
  useEffect(() => {
    if (!restoreResult) return;
    if (restoreResult.restoredBy) setRestoredByOther({ restoredBy: restoreResult.restoredBy, draftName: restoreResult.draftName ?? 'a draft' });
    else setNotice(restoreResult.message);
    setRestores((n) => n + 1);
  }, [restoreResult]);
  const restore = (draftId: string, name: string) => {
    if (!window.confirm(`Restore “${name}”? Everyone sees it at once. The current text is kept as a checkpoint, so you can restore it again.`)) return;
    if (!session?.restoreDraft(draftId)) setNotice('You are offline: restoring needs a connection.');
  };
  const [mode, setMode] = useState<'write' | 'read'>('write');
  // Find and replace: which form is open, and the scene editor it searches.
  const [find, setFind] = useState<{ mode: FindMode; summons: number } | null>(null);
  const [openEditor, setOpenEditor] = useState<OpenEditor | null>(null);
  const openFind = useCallback((findMode: FindMode) => {
    setPanel(null);
    setFind((current) => ({ mode: findMode === 'replace' || current?.mode !== 'replace' ? findMode : 'replace', summons: (current?.summons ?? 0) + 1 }));
  }, []);
  useFindShortcuts(openFind);
  // Another panel opening takes Find's place.
  useEffect(() => {
    if (panel) setFind(null);
  }, [panel]);
  const [editingMode, setEditingMode] = useState<EditingMode | null>(null);
  // An inbox item opens the manuscript at its passage: /m/ID?thread=THREAD.
  const searchParams = useSearchParams();
  const [linkedThread, setLinkedThread] = useState<string | null>(null);
  useEffect(() => setLinkedThread(searchParams.get('thread')), [searchParams]);
  const [chosenSceneId, setChosenSceneId] = useState<string | null>(null);

  // The open scene stays put whatever co-authors do to the binder: the one chosen (remembered per
  // manuscript), else the first at opening time, pinned; only if it leaves the binder do we move on.
  const chosen = chosenSceneId ? binder?.scenes.find((s) => s.id === chosenSceneId) : undefined;
  const scene = chosen ?? binder?.scenes[0];
  useEffect(() => {
    if (!binder || chosen) return;
    const remembered = localStorage.getItem(`scriptorium.scene.${props.manuscriptId}`);
    const next = binder.scenes.find((s) => s.id === remembered) ?? binder.scenes[0];
    if (next) setChosenSceneId(next.id);
  }, [binder, chosen, props.manuscriptId]);
  const shownStatus: SaveStatus = online ? status : 'offline';
  const writable = canWrite(role);
  const total = binder ? binder.roots.reduce((sum, node) => sum + wordsIn(node, counts.byScene), 0) : 0;

  useEffect(() => {
    session?.provider.awareness.setLocalStateField('sceneId', mode === 'write' ? (scene?.id ?? null) : null);
  }, [session, scene?.id, mode]);

  useEffect(() => {
    if (!linkedThread || !binder) return;
    const thread = comments.threads.find((t) => t.id === linkedThread);
    if (!thread) return;
    setLinkedThread(null);
    window.history.replaceState(null, '', window.location.pathname);
    if (binder.byId.get(thread.sceneId)?.kind === 'scene') openScene(thread.sceneId);
    setActiveThreadId(thread.id);
    setTimeout(() => document.querySelector(`.comment-margin [data-thread-id="${thread.id}"], .manuscript-text [data-thread-id="${thread.id}"]`)?.scrollIntoView({ block: 'center' }), 300);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkedThread, binder, comments.threads]);

  const openScene = (id: string) => {
    setBinderOpen(false);
    setChosenSceneId(id);
    localStorage.setItem(`scriptorium.scene.${props.manuscriptId}`, id);
    setMode('write');
  };
  const toggleReading = () => {
    setMode((m) => (m === 'read' ? 'write' : 'read'));
    window.scrollTo(0, 0);
  };

  return (
    <div className={`workspace${focusMode ? ' workspace--focus' : ''}${quiet ? ' workspace--quiet' : ''}`}>
      <TopBarClient title={props.title} me={props.me}>
        {session ? <PresenceList provider={session.provider} /> : null}
        {!fatal ? (
          <p className={`save-status save-status--${shownStatus}`} role="status" aria-label="Save status" data-status={shownStatus}>
            {writable ? STATUS_TEXT[shownStatus] : shownStatus === 'saved' || shownStatus === 'saving' ? 'Live' : STATUS_TEXT[shownStatus]}
          </p>
        ) : null}
        {!fatal ? (
          <>
            <button ref={binderButton} type="button" className="quiet narrow-only" aria-expanded={binderOpen} aria-controls="binder-drawer" onClick={() => setBinderOpen((open) => !open)}>
              Binder
            </button>
            <button type="button" className="quiet" aria-pressed={mode === 'read'} onClick={toggleReading}>
              Read-through
            </button>
            <Link href={`/m/${props.manuscriptId}/settings`} className="quiet-link">
              Manuscript settings
            </Link>
            <button type="button" className="quiet" aria-expanded={find !== null} title="Find (Ctrl+F) · Find and replace (Ctrl+H)" onClick={() => (find ? setFind(null) : openFind('find'))}>
              Find
            </button>
            <button type="button" className="quiet" aria-expanded={panel === 'comments'} onClick={() => togglePanel('comments')}>
              Comments{comments.threads.some((t) => !t.resolvedAt) ? ` (${comments.threads.filter((t) => !t.resolvedAt).length})` : ''}
            </button>
            <button type="button" className="quiet" aria-expanded={panel === 'history'} onClick={() => togglePanel('history')}>
              History
            </button>
            <button type="button" className="quiet" aria-expanded={panel === 'export'} onClick={() => togglePanel('export')}>
              Export
            </button>
            {writable ? (
              <button type="button" className="quiet" aria-expanded={panel === 'import'} onClick={() => togglePanel('import')}>
                Import changes
              </button>
            ) : null}
            <button type="button" className="quiet" aria-expanded={panel === 'share'} onClick={() => togglePanel('share')}>
              Share
            </button>
            <button type="button" className="quiet" aria-expanded={panel === 'room'} onClick={() => togglePanel('room')}>
              Writing room
            </button>
          </>
        ) : null}
      </TopBarClient>
      <div className={fatal ? 'workspace-body workspace-body--ended' : 'workspace-body'}>
        {session && binder && !fatal ? (
          <aside
            id="binder-drawer"
            className="sidebar"
            aria-label="Binder and progress"
            data-open={binderOpen}
            onKeyDown={(event) => {
              if (binderOpen && event.key === 'Escape' && !event.defaultPrevented) closeBinder();
              else if (binderOpen && event.key === 'Tab' && window.matchMedia(COVERS_THE_PAGE).matches) keepFocusInside(event);
            }}
          >
            <div className="panel-head narrow-only">
              <h2 className="drawer-title">Binder</h2>
              <button type="button" className="quiet" onClick={closeBinder}>
                Close binder
              </button>
            </div>
            <BinderPanel
              doc={session.doc}
              binder={binder}
              currentSceneId={mode === 'write' ? (scene?.id ?? null) : null}
              onOpenScene={openScene}
              presence={presence}
              counts={counts.byScene}
              editable={writable}
            />
            <Progress total={total} today={counts.today} targetWords={props.targetWords} deadline={props.deadline} />
            {counts.suggested || suggestionView !== 'original' ? <SuggestionViewSwitch value={suggestionView} onChange={setSuggestionView} /> : null}
          </aside>
        ) : null}
        <main className="workspace-main">
          {fatal ? (
            <p role="alert" className="error banner">
              {/* A full page load on purpose: nothing of a manuscript that failed should stay in memory. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              {fatal} <a href="/">Back to your manuscripts</a>
            </p>
          ) : null}
          {!fatal && !writable ? (
            <p className="role-banner banner" data-role={role}>
              {ROLE_DESCRIPTION[role]}
            </p>
          ) : null}
          {stalled && session ? (
            <div role="alert" className="notice banner">
              <p>{stalled}</p>
              <button type="button" onClick={() => session.provider.connect()}>
                Try again
              </button>
            </div>
          ) : null}
          {notice ? (
            <div role="alert" className="notice banner">
              <p>{notice}</p>
              <button type="button" onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </div>
          ) : null}
          {restoredByOther && !fatal ? <RestoredNotice {...restoredByOther} canUndo={writable} onOpenHistory={() => setPanel('history')} onDismiss={() => setRestoredByOther(null)} /> : null}
          {fatal ? null : !session || !binder ? (
            <p className="muted loading">Opening the manuscript…</p>
          ) : mode === 'read' ? (
            <ReadThrough doc={session.doc} binder={binder} onEditScene={openScene} suggestions={counts.suggested ? suggestionView : undefined} />
          ) : scene ? (
            <SceneEditor
              key={scene.id}
              doc={session.doc}
              provider={session.provider}
              sceneId={scene.id}
              sceneTitle={scene.title}
              chapterTitle={scene.parentId && binder.byId.get(scene.parentId)?.kind === 'chapter' ? binder.byId.get(scene.parentId)!.title : undefined}
              opensChapter={!!scene.parentId && binder.byId.get(scene.parentId)?.children.find((child) => child.kind === 'scene')?.id === scene.id}
              me={props.me}
              mode={editingMode}
              onModeChange={setEditingMode}
              writers={props.members}
              anySuggestions={counts.suggested}
              onNotice={setNotice}
              onEditor={(editor) => setOpenEditor(editor ? { editor, sceneId: scene.id } : null)}
              comments={{ threads: comments.threads, send: comments.send, role, myId: props.me.id, members, activeId: activeThreadId, setActiveId: setActiveThreadId, ...commentTyping, offerShare: role === 'owner' ? () => setPanel('share') : undefined }}
            />
          ) : (
            <p className="muted loading">This manuscript has no scenes yet. Add one in the binder.</p>
          )}
        </main>
        {find && !panel && session && binder && !fatal ? (
          <FindPanel
            mode={find.mode}
            summons={find.summons}
            doc={session.doc}
            binder={binder}
            open={mode === 'write' ? openEditor : null}
            writable={writable}
            onMode={(findMode) => setFind((current) => (current ? { ...current, mode: findMode } : current))}
            onOpenScene={openScene}
            onClose={() => setFind(null)}
          />
        ) : null}
        {panel === 'comments' && binder && !fatal ? (
          <CommentsPanel
            threads={comments.threads}
            binder={binder}
            myId={props.me.id}
            role={role}
            send={comments.send}
            onClose={() => setPanel(null)}
            onOpen={(thread) => {
              if (binder.byId.get(thread.sceneId)?.kind === 'scene') openScene(thread.sceneId);
              setActiveThreadId(thread.id);
              requestAnimationFrame(() =>
                document.querySelector(`.comment-margin [data-thread-id="${thread.id}"], .manuscript-text [data-thread-id="${thread.id}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
              );
            }}
          />
        ) : null}
        {panel === 'room' ? <WritingRoomPanel onClose={() => setPanel(null)} /> : null}
        {panel === 'history' && !fatal ? (
          <HistoryPanel manuscriptId={props.manuscriptId} canSave={writable} onRestore={restore} onClose={() => setPanel(null)} refreshKey={restores} />
        ) : null}
        {panel === 'export' && binder && !fatal ? <ExportPanel manuscriptId={props.manuscriptId} binder={binder} onClose={() => setPanel(null)} /> : null}
        {panel === 'import' && writable && !fatal ? <ImportChangesPanel manuscriptId={props.manuscriptId} onClose={() => setPanel(null)} /> : null}
        {panel === 'share' && !fatal ? (
          <SharePanel
            manuscriptId={props.manuscriptId}
            myId={props.me.id}
            role={role}
            members={props.members}
            invitations={props.invitations}
            onClose={() => setPanel(null)}
          />
        ) : null}
      </div>
    </div>
  );
}
