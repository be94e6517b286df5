import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'namecheck', template: '%s · namecheck' },
  description: 'Can this username be used? Live username checks for people and companies.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Plain links, not next/link: these pages are small and server-rendered, and leaving Link's client
// runtime out keeps /signup's first-load JavaScript under its 150 kB budget.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered: its scripts carry the nonce of the
  // request's Content-Security-Policy (lib/server/security-headers.ts), and a page built ahead of
  // time would have none, so none of its scripts would run. The pages that were static (/, /docs,
  // the 404 page) are small; a per-request render of each costs a few milliseconds.
  await connection();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            namecheck
          </a>
          <nav aria-label="Main">
            <a href="/signup">Sign up</a>
            <a href="/login">Sign in</a>
            <a href="/account">Account</a>
            <a href="/admin">Admin</a>
            <a href="/docs">API</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
