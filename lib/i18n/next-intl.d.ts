// next-intl's types for this app: the locales it speaks and the English catalogue's shape, so that
// a key that is not in the catalogue is a type error in pages and components.
import type { Messages } from './catalogues';
import type { Locale } from './locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
