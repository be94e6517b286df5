import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { heldMessage } from '@/lib/usernames/availability';
import { CATALOGUES } from './catalogues';
import { clientMessages } from './client-messages';
import { translate } from './translate';

// The held verdict's `{until, date, long}`: the policy sends `until` as milliseconds (JSON-safe, for
// the server action's refusal and the API), and both the server and the browser's translator (the
// client namespaces, time zone UTC as lib/i18n/request.ts gives the provider) must render a date.
const until = new Date('2027-01-02T15:00:00Z');
// (Arabic digits are Latin or Arabic-Indic depending on the ICU data of the runtime.)
const expected = {
  en: /^That username was given up recently and is held until January 2, 2027\.$/,
  de: /^Dieser Benutzername wurde vor Kurzem aufgegeben und ist bis zum 2\. Januar 2027 gesperrt\.$/,
  ar: /^تم التخلي عن اسم المستخدم هذا مؤخرًا وهو محجوز حتى (2|٢) يناير (2027|٢٠٢٧)\.$/,
} as const;

describe('the held message date', () => {
  for (const locale of ['en', 'de', 'ar'] as const) {
    it(`renders as a date in ${locale}, on the server and in the browser's translator`, () => {
      const ref = heldMessage(until);
      expect(typeof ref.params?.until).toBe('number');
      expect(translate(ref, locale)).toMatch(expected[locale]);
      const browser = createTranslator({ locale, messages: clientMessages(CATALOGUES[locale] as Record<string, unknown>), timeZone: 'UTC' });
      expect(browser(ref.key as never, ref.params as never)).toMatch(expected[locale]);
    });
  }
});
