import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LanguagePicker } from '@/components/language-picker';
import { clientMessages } from '@/lib/i18n/client-messages';
import { directionOf } from '@/lib/i18n/locales';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Layout');
  return { title: { default: 'namecheck', template: '%s · namecheck' }, description: t('description') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Plain links, not next/link: these pages are small and server-rendered, and leaving Link's client
// runtime out keeps /signup's first-load JavaScript under its 150 kB budget.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered: its scripts carry the nonce of the
  // request's Content-Security-Policy (lib/server/security-headers.ts), and a page built ahead of
  // time would have none, so none of its scripts would run. The pages that were static (/, /docs,
  // the 404 page) are small; a per-request render of each costs a few milliseconds.
  await connection();
  const locale = await getLocale();
  const t = await getTranslations('Layout');
  // The browser gets the page's language only, and of it only what client components say.
  const messages = clientMessages(await getMessages());
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        <NextIntlClientProvider messages={messages}>
          <header className="site-header">
            <a href="/" className="brand">
              namecheck
            </a>
            <nav aria-label={t('mainNavigation')}>
              <a href="/signup">{t('signUp')}</a>
              <a href="/login">{t('signIn')}</a>
              <a href="/account">{t('account')}</a>
              <a href="/admin">{t('admin')}</a>
              <a href="/docs">{t('api')}</a>
            </nav>
            <LanguagePicker />
          </header>
          <main>{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
