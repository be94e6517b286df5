import { expect, test, uniqueName } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK, V1_REGISTER } from '../support/http';

test('50 concurrent registrations of case and width variants of one name: exactly one 201', async ({ baseURL }) => {
  const base = uniqueName('race');
  const toFullWidth = (s: string) => [...s].map((ch) => (/[!-~]/.test(ch) ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch)).join('');
  const variants = Array.from({ length: 50 }, (_, i) => {
    const cased = [...base].map((ch, j) => ((i >> j % 5) & 1 ? ch.toUpperCase() : ch)).join('');
    return i % 3 === 0 ? toFullWidth(cased) : cased;
  });
  const answers = await Promise.all(
    variants.map((username) => raw(baseURL!, { path: V1_REGISTER, ...jsonPost({ username, password: 'race password 1' }) })),
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  for (const loser of answers.filter((a) => a.status === 409)) {
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.json()).toMatchObject({ status: 409, reason: 'taken' });
  }
  const check = await raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username: base }) });
  expect(check.json()).toMatchObject({ available: false, reason: 'taken' });
});

test('register answers 201, then 409 for the same name, a look-alike or another case', async ({ baseURL }) => {
  const name = uniqueName('reg');
  const first = await raw(baseURL!, { path: V1_REGISTER.slice(0, -1), ...jsonPost({ username: name, password: 'a long passphrase', email: 'a@example.com' }) });
  expect(first.status).toBe(201);
  expect(first.json()).toEqual({ id: expect.any(Number), username: name });
  const again = await raw(baseURL!, { path: V1_REGISTER, ...jsonPost({ username: name.toUpperCase(), password: 'a long passphrase' }) });
  expect(again.status).toBe(409);
  expect(again.json().suggestions.length).toBeGreaterThanOrEqual(1);
  const dotted = name.slice(0, 3) + '.' + name.slice(3);
  const similar = await raw(baseURL!, { path: V1_REGISTER, ...jsonPost({ username: dotted, password: 'a long passphrase' }) });
  expect(similar.status).toBe(409);
  expect(similar.json().reason).toBe('similar');
});

test('register refuses invalid and reserved names with 400 and errors.username', async ({ baseURL }) => {
  for (const username of [' spaced', 'ab', 'admin', 'a__b']) {
    const res = await raw(baseURL!, { path: V1_REGISTER, ...jsonPost({ username, password: 'a long passphrase' }) });
    expect(res.status, username).toBe(400);
    const body = res.json();
    expect(body.errors.username.length).toBeGreaterThanOrEqual(1);
  }
});

test('the check and registration never disagree', async ({ baseURL }) => {
  const stem = uniqueName('agree');
  const names = [stem, `${stem}_x`, `${stem}x`, stem.toUpperCase(), `${stem}.x`, ` ${stem}`, 'admin', 'johndoe123', 'JohnDoe123', 'ｊｏｈｎｄｏｅ１２３', 'x', `${stem}__y`, 'иван' + stem.slice(-3).replace(/\D/g, '') + 'петров'];
  for (const username of names) {
    const verdict = (await raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username }) })).json();
    const reg = await raw(baseURL!, { path: V1_REGISTER, ...jsonPost({ username, password: 'a long passphrase' }) });
    if (verdict.available) expect(reg.status, `${username}: check said available`).toBe(201);
    else expect([400, 409], `${username}: check said ${verdict.reason}`).toContain(reg.status);
  }
});
