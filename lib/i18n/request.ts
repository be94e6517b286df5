// next-intl's request configuration (named in next.config.mjs): the page's language for each
// request, from the picker's cookie, else Accept-Language, else English. There is no locale in the
// URL: the contract's paths stay as they are. Only this language's catalogue is loaded for the page.

import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, pageLocale, type Locale } from './locales';
import type { Messages } from './catalogues';

const LOADERS: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./messages/en.json').then((module) => module.default),
  de: () => import('./messages/de.json').then((module) => module.default as Messages),
  ar: () => import('./messages/ar.json').then((module) => module.default as Messages),
};

/** The page's language for the request being rendered. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return pageLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // UTC, as the admin screen's moments always were: the server renders, and a person's browser in
  // another zone must not see another time after hydration.
  return { locale, messages: await LOADERS[locale](), timeZone: 'UTC' };
});
