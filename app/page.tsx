
export default function HomePage() {
  return (
    <div className="narrow card">
      <h1>Can this username be used?</h1>
      <p>
        namecheck answers that question for global usernames, as you type them, and for the usernames a
        company gives its own people.
      </p>
      <p>
        <a className="button" href="/signup">
          Create an account
        </a>{' '}
        <a className="button secondary" href="/login">
          Sign in
        </a>
      </p>
      <p className="muted">
        Developers: the <a href="/docs">API reference</a> describes both check endpoints.
      </p>
    </div>
  );
}
