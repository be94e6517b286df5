'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from '@/lib/i18n/locales';

/**
 * The language picker's action (every page, app/layout.tsx): keeps the chosen language in a cookie
 * that beats Accept-Language. Setting a cookie in an action makes Next render the page again, now in
 * that language. A value that is not one of ours changes nothing.
 */
export async function setLanguage(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: 'lax',
    httpOnly: true,
  });
}
