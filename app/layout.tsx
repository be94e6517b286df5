import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'namecheck', template: '%s · namecheck' },
  description: 'Can this username be used? Live username checks for people and companies.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            namecheck
          </Link>
          <nav aria-label="Main">
            <Link href="/signup">Sign up</Link>
            <Link href="/login">Sign in</Link>
            <Link href="/account">Account</Link>
            <Link href="/admin">Admin</Link>
            <Link href="/docs">API</Link>
          </nav>
        </header>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
