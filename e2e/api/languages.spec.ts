import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK, v2Path } from '../support/http';

// The API's language: `message` in the language Accept-Language asks for, `message_key` the same in
// every language, `Vary: Accept-Language`; without the header the English of the contract and the
// seed documents, to the letter.

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const LANGUAGE_HEADERS = { none: {}, de: { 'accept-language': 'de' }, ar: { 'accept-language': 'ar' } } as const;

test.describe('the API in English, German and Arabic', () => {
  let token = '';
  test.beforeAll(() => {
    token = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'languages spec']).token;
  });

  test('v1: a taken name', async ({ baseURL }) => {
    const answers: Record<string, { message: string; message_key: string }> = {};
    for (const [language, headers] of Object.entries(LANGUAGE_HEADERS)) {
      const res = await raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username: 'johndoe123' }, headers) });
      expect(res.status).toBe(200);
      expect(String(res.headers.vary)).toContain('Accept-Language');
      const body = res.json();
      expect(body).toMatchObject({ username: 'johndoe123', available: false, reason: 'taken', message_key: 'username.verdict.taken' });
      expect(body.suggestions.length).toBeGreaterThan(0);
      answers[language] = body;
    }
    expect(answers.none!.message).toBe('That username is taken.');
    expect(answers.de!.message).toBe('Dieser Benutzername ist vergeben.');
    expect(answers.ar!.message).toBe('اسم المستخدم هذا مأخوذ.');
  });

  test('v1: a broken rule, with its count, and q-values', async ({ baseURL }) => {
    const ask = (headers: Record<string, string>) => raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username: 'ab' }, headers) }).then((r) => r.json());
    expect(await ask({})).toMatchObject({ reason: 'invalid', message_key: 'username.invalid.too_short', message: 'Use at least 3 characters.' });
    expect((await ask({ 'accept-language': 'de-CH, en;q=0.5' })).message).toBe('Mindestens 3 Zeichen.');
    expect((await ask({ 'accept-language': 'en;q=0.4, ar;q=0.9' })).message).toBe('استخدم 3 أحرف على الأقل.');
    expect((await ask({ 'accept-language': 'fr-FR, fr;q=0.9' })).message).toBe('Use at least 3 characters.');
  });

  test('v2: taken and available, single and bulk', async ({ baseURL }) => {
    const expected = {
      none: ['Username "FB12345" is already taken for this company', 'Username "FB1234" is available for this company'],
      de: ['Der Benutzername „FB12345“ ist in diesem Unternehmen schon vergeben', 'Der Benutzername „FB1234“ ist in diesem Unternehmen verfügbar'],
      ar: ['اسم المستخدم «FB12345» مأخوذ بالفعل في هذه الشركة', 'اسم المستخدم «FB1234» متاح في هذه الشركة'],
    } as const;
    for (const [language, headers] of Object.entries(LANGUAGE_HEADERS) as [keyof typeof expected, Record<string, string>][]) {
      const [takenText, availableText] = expected[language];
      const taken = await raw(baseURL!, { path: v2Path(1, 'FB12345'), headers: { ...bearer(token), ...headers } });
      expect(taken.status).toBe(200);
      expect(String(taken.headers.vary)).toContain('Accept-Language');
      expect(taken.json()).toMatchObject({ company_id: '1', is_available: false, reason: 'taken', message_key: 'base.user_is_already_taken_for_this_company', message: takenText });
      const available = await raw(baseURL!, { path: v2Path(1, 'FB1234'), headers: { ...bearer(token), ...headers } });
      expect(available.json()).toMatchObject({ is_available: true, reason: 'available', message_key: 'base.user_is_available_for_this_company', message: availableText });

      const bulk = await raw(baseURL!, {
        path: '/api/v2/usernames/check/company/1',
        ...jsonPost({ usernames: ['FB12345', 'FB1234', 'fb1234'] }, { ...bearer(token), ...headers }),
      });
      expect(bulk.status).toBe(200);
      expect(String(bulk.headers.vary)).toContain('Accept-Language');
      const items = bulk.json();
      expect(items.map((i: { message: string }) => i.message).slice(0, 2)).toEqual([takenText, availableText]);
      expect(items.map((i: { message_key: string }) => i.message_key)).toEqual([
        'base.user_is_already_taken_for_this_company',
        'base.user_is_available_for_this_company',
        'base.user_is_duplicate_in_request',
      ]);
    }
  });
});
