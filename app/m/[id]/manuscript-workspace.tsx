'use client';

import { useState } from 'react';
import type { Editor } from '@tiptap/react';
import { canWrite, type Role } from '@/lib/domain/roles';
import type { CommentThreadView } from '@/lib/comments/protocol';
import type { EditingMode } from '@/lib/editor/suggestions/modes';
import type { SuggestionView } from '@/lib/manuscript/word-count';
import type { Member } from '@/lib/storage/records';
import type { CollabEndpoint } from '../../_server/collab-url';
import { BinderDrawer } from './_binder/binder-drawer';
import { wordsIn } from './_binder/binder-items';
import { BinderPanel } from './_binder/binder-panel';
import { Progress } from './_binder/progress';
import { SuggestionViewSwitch } from './_binder/suggestion-view';
import { useBinder } from './_binder/use-binder';
import { useBinderDrawer } from './_binder/use-binder-drawer';
import { chapterAround, useOpenScene } from './_binder/use-open-scene';
import { ReadThrough } from './_editor/read-through';
import { SceneEditor } from './_editor/scene-editor';
import { useFocusMode } from './_editor/use-focus-mode';
import { useWordCounts } from './_editor/use-word-counts';
import { FindPanel } from './_find/find-panel';
import type { OpenEditor } from './_find/use-find';
import { useFindPanel } from './_find/use-find-panel';
import { HistoryPanel } from './_history/history-panel';
import { RestoredNotice } from './_history/restored-notice';
import { useDraftRestore } from './_history/use-draft-restore';
import { CommentsPanel } from './_margin/comments-panel';
import { scrollToThread } from './_margin/show-thread';
import { useCommentTyping } from './_margin/use-comment-typing';
import { useComments } from './_margin/use-comments';
import { useLinkedThread } from './_margin/use-linked-thread';
import { ExportPanel } from './_panels/export-panel';
import { ImportChangesPanel } from './_panels/import-changes-panel';
import { SharePanel, type PendingInvitation } from './_panels/share-panel';
import { usePanel } from './_panels/use-panel';
import { WritingRoomPanel } from './_panels/writing-room-panel';
import { PresenceList } from './_session/presence-list';
import { SaveStatusLine } from './_session/save-status-line';
import { SessionBanners } from './_session/session-banners';
import { useCollabSession } from './_session/use-collab-session';
import { useScenePresence, useShareSceneHere } from './_session/use-presence';
import { TopBarClient } from './_top-bar/top-bar-client';
import { WorkspaceActions } from './_top-bar/workspace-actions';

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

/** The manuscript page: wires the session, binder, editor, margin, Find and the side panels together. */
export function ManuscriptWorkspace(props: WorkspaceProps) {
  const { session, status, role, fatal, stalled, restoreResult } = useCollabSession(props.manuscriptId, props.initialRole, props.collab);
  const binder = useBinder(session?.doc ?? null);
  const presence = useScenePresence(session?.provider ?? null);
  const [suggestionView, setSuggestionView] = useState<SuggestionView>('original');
  const counts = useWordCounts(session?.doc ?? null, binder?.scenes.map((scene) => scene.id) ?? [], props.manuscriptId, suggestionView);
  const [notice, setNotice] = useState<string | null>(null);
  const { panel, setPanel, togglePanel, closePanel } = usePanel();
  const binderDrawer = useBinderDrawer();
  const { focus: focusMode, quiet } = useFocusMode();
  const comments = useComments(session?.provider ?? null);
  const commentTyping = useCommentTyping(session?.provider ?? null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const members = props.members.map((member) => ({ userId: member.userId, name: member.name }));
  const drafts = useDraftRestore(session, restoreResult, setNotice);
  const [mode, setMode] = useState<'write' | 'read'>('write');
  // Find and replace: which form is open, and the scene editor it searches.
  const { find, openFind, setFindMode, closeFind } = useFindPanel(panel, closePanel);
  const [openEditor, setOpenEditor] = useState<OpenEditor | null>(null);
  const [editingMode, setEditingMode] = useState<EditingMode | null>(null);
  const openScenes = useOpenScene(binder, props.manuscriptId);
  const scene = openScenes.scene;
  const writable = canWrite(role);
  const total = binder ? binder.roots.reduce((sum, node) => sum + wordsIn(node, counts.byScene), 0) : 0;

  // Co-authors see in the binder which scene this writer is in (none while reading through).
  const sceneHere = mode === 'write' ? (scene?.id ?? null) : null;
  useShareSceneHere(session?.provider ?? null, sceneHere);

  const openScene = (id: string) => {
    binderDrawer.dismiss();
    openScenes.choose(id);
    setMode('write');
  };
  const openThread = (thread: CommentThreadView) => {
    if (binder?.byId.get(thread.sceneId)?.kind === 'scene') openScene(thread.sceneId);
    setActiveThreadId(thread.id);
  };
  useLinkedThread(binder, comments.threads, (thread) => {
    openThread(thread);
    setTimeout(() => scrollToThread(thread.id), 300);
  });
  const toggleReading = () => {
    setMode((m) => (m === 'read' ? 'write' : 'read'));
    window.scrollTo(0, 0);
  };
  const onEditor = (editor: Editor | null) => setOpenEditor(editor && scene ? { editor, sceneId: scene.id } : null);

  return (
    <div className={`workspace${focusMode ? ' workspace--focus' : ''}${quiet ? ' workspace--quiet' : ''}`}>
      <TopBarClient title={props.title} me={props.me}>
        {session ? <PresenceList provider={session.provider} /> : null}
        {!fatal ? <SaveStatusLine status={status} writable={writable} /> : null}
        {!fatal ? (
          <WorkspaceActions
            manuscriptId={props.manuscriptId}
            writable={writable}
            binderButton={binderDrawer.button}
            binderOpen={binderDrawer.open}
            onToggleBinder={binderDrawer.toggle}
            reading={mode === 'read'}
            onToggleReading={toggleReading}
            findOpen={find !== null}
            onFind={() => (find ? closeFind() : openFind('find'))}
            panel={panel}
            onTogglePanel={togglePanel}
            openThreads={comments.threads.filter((t) => !t.resolvedAt).length}
          />
        ) : null}
      </TopBarClient>
      <div className={fatal ? 'workspace-body workspace-body--ended' : 'workspace-body'}>
        {session && binder && !fatal ? (
          <BinderDrawer open={binderDrawer.open} onClose={binderDrawer.close}>
            <BinderPanel doc={session.doc} binder={binder} currentSceneId={sceneHere} onOpenScene={openScene} presence={presence} counts={counts.byScene} editable={writable} />
            <Progress total={total} today={counts.today} targetWords={props.targetWords} deadline={props.deadline} />
            {counts.suggested || suggestionView !== 'original' ? <SuggestionViewSwitch value={suggestionView} onChange={setSuggestionView} /> : null}
          </BinderDrawer>
        ) : null}
        <main className="workspace-main">
          <SessionBanners
            fatal={fatal}
            writable={writable}
            role={role}
            stalled={session ? stalled : null}
            onRetry={() => session?.provider.connect()}
            notice={notice}
            onDismissNotice={() => setNotice(null)}
          />
          {drafts.restoredByOther && !fatal ? (
            <RestoredNotice {...drafts.restoredByOther} canUndo={writable} onOpenHistory={() => setPanel('history')} onDismiss={drafts.dismissRestoredByOther} />
          ) : null}
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
              {...chapterAround(binder, scene)}
              me={props.me}
              mode={editingMode}
              onModeChange={setEditingMode}
              writers={props.members}
              anySuggestions={counts.suggested}
              onNotice={setNotice}
              onEditor={onEditor}
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
            onMode={setFindMode}
            onOpenScene={openScene}
            onClose={closeFind}
          />
        ) : null}
        {panel === 'comments' && binder && !fatal ? (
          <CommentsPanel
            threads={comments.threads}
            binder={binder}
            myId={props.me.id}
            role={role}
            send={comments.send}
            onClose={closePanel}
            onOpen={(thread) => {
              openThread(thread);
              requestAnimationFrame(() => scrollToThread(thread.id, 'smooth'));
            }}
          />
        ) : null}
        {panel === 'room' ? <WritingRoomPanel onClose={closePanel} /> : null}
        {panel === 'history' && !fatal ? <HistoryPanel manuscriptId={props.manuscriptId} canSave={writable} onRestore={drafts.restore} onClose={closePanel} refreshKey={drafts.restores} /> : null}
        {panel === 'export' && binder && !fatal ? <ExportPanel manuscriptId={props.manuscriptId} binder={binder} onClose={closePanel} /> : null}
        {panel === 'import' && writable && !fatal ? <ImportChangesPanel manuscriptId={props.manuscriptId} onClose={closePanel} /> : null}
        {panel === 'share' && !fatal ? (
          <SharePanel manuscriptId={props.manuscriptId} myId={props.me.id} role={role} members={props.members} invitations={props.invitations} onClose={closePanel} />
        ) : null}
      </div>
    </div>
  );
}
