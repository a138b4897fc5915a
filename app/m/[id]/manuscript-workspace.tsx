'use client';

import { useState, useSyncExternalStore } from 'react';
import { canWrite, ROLE_DESCRIPTION, type Role } from '@/lib/access/roles';
import type { SaveStatus } from '@/lib/collab/save-tracker';
import type { Member } from '@/lib/db/members';
import type { CollabEndpoint } from '../../_server/collab-url';
import { TopBarClient } from './top-bar-client';
import { PresenceList } from './presence-list';
import { SceneEditor } from './scene-editor';
import { SharePanel, type PendingInvitation } from './share-panel';
import { useCollabSession } from './use-collab-session';

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
}

export function ManuscriptWorkspace(props: WorkspaceProps) {
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const { session, status, scenes, role, fatal } = useCollabSession(props.manuscriptId, props.initialRole, props.collab);
  const [notice, setNotice] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const scene = scenes[0];
  const shownStatus: SaveStatus = online ? status : 'offline';
  const writable = canWrite(role);

  return (
    <div className="workspace">
      <TopBarClient title={props.title} me={props.me}>
        {session ? <PresenceList provider={session.provider} /> : null}
        {!fatal ? (
          <p className={`save-status save-status--${shownStatus}`} role="status" aria-label="Save status" data-status={shownStatus}>
            {writable ? STATUS_TEXT[shownStatus] : shownStatus === 'saved' || shownStatus === 'saving' ? 'Live' : STATUS_TEXT[shownStatus]}
          </p>
        ) : null}
        <button type="button" className="quiet" aria-expanded={sharing} onClick={() => setSharing((open) => !open)}>
          Share
        </button>
      </TopBarClient>
      <main className="workspace-main">
        {fatal ? (
          <p role="alert" className="error banner">
            {fatal} <a href="/">Back to your manuscripts</a>
          </p>
        ) : null}
        {!fatal && !writable ? (
          <p className="role-banner banner" data-role={role}>
            {ROLE_DESCRIPTION[role]}
          </p>
        ) : null}
        {notice ? (
          <div role="alert" className="notice banner">
            <p>{notice}</p>
            <button type="button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        ) : null}
        <div className={sharing ? 'with-panel' : undefined}>
          {fatal ? null : session && scene ? (
            <SceneEditor
              key={scene.id}
              doc={session.doc}
              provider={session.provider}
              sceneId={scene.id}
              sceneTitle={scene.title}
              me={props.me}
              editable={writable}
              onNotice={setNotice}
            />
          ) : (
            <p className="muted loading">Opening the manuscript…</p>
          )}
          {sharing ? (
            <SharePanel
              manuscriptId={props.manuscriptId}
              myId={props.me.id}
              role={role}
              members={props.members}
              invitations={props.invitations}
              onClose={() => setSharing(false)}
            />
          ) : null}
        </div>
      </main>
    </div>
  );
}
