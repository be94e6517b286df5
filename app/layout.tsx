import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'namecheck', template: '%s · namecheck' },
  description: 'Can this username be used? Live username checks for people and companies.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Plain links, not next/link: these pages are small and server-rendered, and leaving Link's client
// runtime out keeps /signup's first-load JavaScript under its 150 kB budget.
export default function RootLayout({ children }: { children: ReactNode }) {
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
