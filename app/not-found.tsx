import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="home">
      <h1>Not found</h1>
      <p>There is no manuscript here, or it is not yours to open.</p>
      <p>
        <Link href="/">Back to your manuscripts</Link>
      </p>
    </main>
  );
}
