import Link from 'next/link';
import { connection } from 'next/server';
import { listManuscripts } from '@/lib/db';
import { getDb } from './_server/db';
import { NewManuscriptForm } from './_components/new-manuscript-form';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export default async function HomePage() {
  await connection();
  const manuscripts = listManuscripts(getDb());
  return (
    <main className="home">
      <header className="home-header">
        <h1>Scriptorium</h1>
        <p className="tagline">Write your manuscript together.</p>
      </header>
      <section aria-labelledby="new-heading" className="card">
        <h2 id="new-heading">Start a manuscript</h2>
        <NewManuscriptForm />
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Manuscripts</h2>
        {manuscripts.length === 0 ? (
          <p className="muted">Nothing here yet. Give your first manuscript a title above.</p>
        ) : (
          <ul className="manuscript-list">
            {manuscripts.map((manuscript) => (
              <li key={manuscript.id}>
                <Link href={`/m/${manuscript.id}`}>{manuscript.title}</Link>
                <span className="muted">edited {dateFormat.format(manuscript.updatedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
