import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Page not found' };

// Our own 404 page: Next's default one styles itself with inline style attributes and a <style>
// element without the request's nonce, which the Content-Security-Policy refuses.
export default function NotFound() {
  return (
    <div className="narrow card">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <a href="/">Go to the start page</a>
      </p>
    </div>
  );
}
