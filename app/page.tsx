import Link from 'next/link';

export default function HomePage() {
  return (
    <div className="narrow card">
      <h1>Can this username be used?</h1>
      <p>
        namecheck answers that question for global usernames, as you type them, and for the usernames a
        company gives its own people.
      </p>
      <p>
        <Link className="button" href="/signup">
          Create an account
        </Link>{' '}
        <Link className="button secondary" href="/login">
          Sign in
        </Link>
      </p>
      <p className="muted">
        Developers: the <Link href="/docs">API reference</Link> describes both check endpoints.
      </p>
    </div>
  );
}
