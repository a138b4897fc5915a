'use client';

import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SaveStatus } from '@/lib/collab/save-tracker';
import type { CollabEndpoint } from '../../_server/collab-url';
import { loadVisitorIdentity, saveVisitorIdentity, type VisitorIdentity } from '../../_components/visitor-identity';
import { PresenceList } from './presence-list';
import { SceneEditor } from './scene-editor';
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

export function ManuscriptWorkspace(props: { manuscriptId: string; title: string; collab: CollabEndpoint }) {
  const [identity, setIdentity] = useState<VisitorIdentity | null>(null);
  const [checkedIdentity, setCheckedIdentity] = useState(false);
  useEffect(() => {
    setIdentity(loadVisitorIdentity());
    setCheckedIdentity(true);
  }, []);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const { session, status, scenes, fatal } = useCollabSession(props.manuscriptId, identity, props.collab);
  const [notice, setNotice] = useState<string | null>(null);
  const scene = scenes[0];
  const shownStatus: SaveStatus = online ? status : 'offline';

  return (
    <div className="workspace">
      <header className="topbar">
        <Link href="/" className="brand" aria-label="All manuscripts">
          Scriptorium
        </Link>
        <h1 className="manuscript-title">{props.title}</h1>
        <div className="topbar-right">
          {session ? <PresenceList provider={session.provider} /> : null}
          {identity ? (
            <p className={`save-status save-status--${shownStatus}`} role="status" aria-live="polite" data-status={shownStatus}>
              {STATUS_TEXT[shownStatus]}
            </p>
          ) : null}
        </div>
      </header>
      <main className="workspace-main">
        {fatal ? (
          <p role="alert" className="error banner">
            {fatal}
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
        {!checkedIdentity ? null : !identity ? (
          <IdentityForm onDone={setIdentity} />
        ) : session && scene ? (
          <SceneEditor key={scene.id} doc={session.doc} provider={session.provider} sceneId={scene.id} sceneTitle={scene.title} identity={identity} onNotice={setNotice} />
        ) : (
          <p className="muted loading">Opening the manuscript…</p>
        )}
      </main>
    </div>
  );
}

function IdentityForm({ onDone }: { onDone: (identity: VisitorIdentity) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="card identity-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) onDone(saveVisitorIdentity(name));
      }}
    >
      <h2>Who is writing?</h2>
      <p className="muted">Your co-authors see this name beside your caret.</p>
      <label htmlFor="display-name">Display name</label>
      <input id="display-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required autoFocus />
      <button type="submit">Start writing</button>
    </form>
  );
}
