// Every language's catalogue, for code that answers in any of them: the API on the server's main
// thread and the domain's English texts. Server-only by convention (ESLint keeps components out):
// a browser gets only its page's language, through next-intl (lib/i18n/request.ts, app/layout.tsx).

import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import type { Locale } from './locales';

/** The English catalogue is the source: its keys and ICU arguments are every other catalogue's. */
export type Messages = typeof en;

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, de: de as Messages, ar: ar as Messages };
