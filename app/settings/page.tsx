import { CARET_COLORS } from '@/lib/collab/identity';

import { changePasswordAction, createApiTokenAction, revokeApiTokenAction, updateProfileAction } from '../actions/account';
import { ActionForm } from '../_components/action-form';
import { TopBar } from '../_components/top-bar';
import { requireUser } from '../_server/current-user';
import { getStorage } from '../_server/storage';
import { AppearanceSettingsForm } from './appearance-settings';
import { appearanceFromStored } from '@/lib/appearance/appearance';
import { NotificationSettingsForm } from './notification-settings';

export const metadata = { title: 'Account settings · Scriptorium' };
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const tokens = await (await getStorage()).users.listApiTokens(user.id);
  return (
    <>
      <TopBar user={user} />
      <main className="home settings">
        <h1>Account settings</h1>
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <p className="muted">Signed in as {user.email}</p>
          <ActionForm action={updateProfileAction} submitLabel="Save profile" className="stack-form">
            <label htmlFor="name">Display name</label>
            <input id="name" name="name" defaultValue={user.name} required maxLength={60} />
            <fieldset className="colors">
              <legend>Caret colour</legend>
              {CARET_COLORS.map((color) => (
                <label key={color} className="color-choice" style={{ background: color }}>
                  <input type="radio" name="color" value={color} defaultChecked={color === user.color} aria-label={color} />
                </label>
              ))}
            </fieldset>
          </ActionForm>
        </section>

        <section className="card" id="appearance" aria-labelledby="appearance-heading">
          <h2 id="appearance-heading">Appearance</h2>
          <p className="muted">How the writing room looks on every device you sign in on. In a manuscript, Writing room changes it for one device only.</p>
          <AppearanceSettingsForm initial={appearanceFromStored(await (await getStorage()).users.getAppearance(user.id))} />
        </section>

        <section className="card" id="notifications" aria-labelledby="notifications-heading">
          <h2 id="notifications-heading">Notifications</h2>
          <p className="muted">What appears in your inbox (the bell), and whether it is emailed to {user.email}.</p>
          <NotificationSettingsForm initial={await (await getStorage()).notifications.getSettings(user.id)} emailAvailable={Boolean(process.env.SMTP_URL)} />
        </section>

        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Password</h2>
          <ActionForm action={changePasswordAction} submitLabel="Change password" className="stack-form">
            {user.passwordHash ? (
              <>
                <label htmlFor="currentPassword">Current password</label>
                <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
              </>
            ) : null}
            <label htmlFor="newPassword">New password</label>
            <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
          </ActionForm>
        </section>

        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">Personal API tokens</h2>
          <p className="muted">For scripts and tools: send <code>Authorization: Bearer &lt;token&gt;</code> to the HTTP API.</p>
          {tokens.length > 0 ? (
            <ul className="token-list">
              {tokens.map((token) => (
                <li key={token.id}>
                  <span>
                    {token.name} <span className="muted">· created {dateFormat.format(token.createdAt)}{token.lastUsedAt ? ` · last used ${dateFormat.format(token.lastUsedAt)}` : ' · never used'}</span>
                  </span>
                  <ActionForm action={revokeApiTokenAction} submitLabel="Revoke" hidden={{ tokenId: token.id }} quiet />
                </li>
              ))}
            </ul>
          ) : null}
          <ActionForm action={createApiTokenAction} submitLabel="Create token" className="inline-form">
            <input name="name" placeholder="What is it for? e.g. backup script" aria-label="Token name" required maxLength={80} />
          </ActionForm>
        </section>
      </main>
    </>
  );
}
