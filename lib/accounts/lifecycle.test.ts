import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRows, testValue } from '@/db/testing/sql';
import { createApiToken } from '@/lib/api-tokens';
import { checkCompanyUsername } from '@/lib/api/company-check';
import { checkCompanyUsernames } from '@/lib/api/company-bulk-check';
import { checkUserExistence } from '@/lib/api/check-user-existence';
import { EXAMPLES } from '@/lib/api/openapi';
import { CLI_ACTOR } from '@/lib/audit';
import { setClock } from '@/lib/clock';
import { changeUsername, heldNamesOf, removeAccount } from '@/lib/accounts/account';
import { registerUser } from '@/lib/accounts/registration';
import { createUser } from '@/lib/accounts/users';
import { removeMember, setCompanyUsername } from '@/lib/companies/members';
import type { PlainRequest } from '@/lib/http/request';
import { canonicalUsername, similarityKey } from '@/lib/usernames';
import { addToCompany, makeCompany, makeUser, sessionCookieFor, settle, useFreshDatabase } from '@/lib/testing/fixtures';

// A username's whole life, on this run's engine (SQLite, and PostgreSQL in the `postgres` project):
// a name given up is held for its previous owner for USERNAME_HOLD_DAYS (30 by default), answered
// `held` for everyone else (a look-alike of it `similar`), theirs to take back, and free once its time
// is up, by the clock alone. Time moves by lib/clock.ts's setClock, never by sleeping.

const SECRET = 'a test secret that is long enough for Auth.js';
const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2027-03-01T10:00:00.000Z');
const HELD_UNTIL = new Date(START.getTime() + 30 * DAY);
let ip = 0;

function v1(username: string, headers: Record<string, string> = {}): PlainRequest {
  // A new client address per request: the anonymous limit is not what these tests are about.
  ip += 1;
  return {
    method: 'POST',
    path: '/api/v1/iam/check-user-existence/',
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ username })),
    clientIp: `198.51.100.${ip % 250}`,
  };
}

async function check(username: string, cookie?: string) {
  return JSON.parse((await settle(() => checkUserExistence(v1(username, cookie ? { cookie } : {})))).body) as {
    available: boolean;
    reason: string;
    message: string;
    message_key: string;
    suggestions: string[];
  };
}

const PASSWORD = 'a long passphrase';
const keyOf = (name: string) => similarityKey(canonicalUsername(name, 'global'));

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  await useFreshDatabase('namecheck-lifecycle-');
});

afterEach(() => setClock(null));

describe('a global username given up', () => {
  it('is held after a rename: `held` with until when for others, 409 at registration, and nothing suggested', async () => {
    setClock(START);
    const { id } = await registerUser({ username: 'keeper', password: PASSWORD });
    const renamed = await changeUsername(id, 'keeper.new');
    expect(renamed.released).toEqual({ username: 'keeper', heldUntil: HELD_UNTIL });

    const answer = await check('keeper');
    expect(answer).toMatchObject({ available: false, reason: 'held', message_key: 'username.verdict.held', suggestions: [] });
    expect(answer.message).toBe('That username was given up recently and is held until March 31, 2027.');
    // Any case or width of the held name is the held name.
    expect(await check('KEEPER')).toMatchObject({ reason: 'held' });
    await expect(registerUser({ username: 'Keeper', password: PASSWORD })).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
    // The operator's `user create` (no policy check first: it may create reserved names) hits the
    // unique index, and says why: held.
    await expect(createUser({ username: 'keeper', password: null })).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
    expect(await heldNamesOf(id)).toEqual([{ username: 'keeper', heldUntil: HELD_UNTIL }]);
  });

  it('makes a look-alike of a held name `similar`, and refuses to register it', async () => {
    setClock(START);
    const { id } = await registerUser({ username: 'lookalike', password: PASSWORD });
    await changeUsername(id, 'lookalike2');
    // `.`/`_`/`-` count as one separator and `l`/`1`/`I` look alike: the same similarity key.
    expect(await check('look_alike')).toMatchObject({ available: false, reason: 'similar' });
    expect(await check('1ookalike')).toMatchObject({ available: false, reason: 'similar' });
    await expect(registerUser({ username: 'look-alike', password: PASSWORD })).rejects.toMatchObject({ status: 409, extensions: { reason: 'similar' } });
  });

  it('is its previous owner’s: `own_username` for them (any form sharing its key), and theirs to take back', async () => {
    setClock(START);
    const owner = await registerUser({ username: 'boomerang', password: PASSWORD });
    await changeUsername(owner.id, 'boomerang.away');
    const cookie = await sessionCookieFor(owner.id, SECRET);
    expect(await check('boomerang', cookie)).toMatchObject({ available: true, reason: 'own_username' });
    expect(await check('Boomerang', cookie)).toMatchObject({ available: true, reason: 'own_username' });
    expect(await check('boomerang')).toMatchObject({ available: false, reason: 'held' });

    // A day later the owner takes it back: the hold is gone, and the name they leave is held in turn.
    setClock(new Date(START.getTime() + DAY));
    const back = await changeUsername(owner.id, 'Boomerang');
    expect(back).toMatchObject({ username: 'Boomerang', released: { username: 'boomerang.away', heldUntil: new Date(START.getTime() + 31 * DAY) } });
    expect(await testRows('SELECT username, held_until IS NULL AS live FROM global_names WHERE user_id = ? ORDER BY username', [owner.id])).toEqual([
      { username: 'Boomerang', live: expect.anything() },
      { username: 'boomerang.away', live: expect.anything() },
    ]);
    expect(await check('boomerang.away')).toMatchObject({ reason: 'held' });
    expect(await check('boomerang')).toMatchObject({ reason: 'taken' });
  });

  it('is nobody’s to take but its owner’s: another account cannot rename to it either', async () => {
    setClock(START);
    const first = await registerUser({ username: 'sought-after', password: PASSWORD });
    const second = await registerUser({ username: 'latecomer', password: PASSWORD });
    await changeUsername(first.id, 'moved-on');
    await expect(changeUsername(second.id, 'sought-after')).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
    await expect(changeUsername(second.id, 'sought_after')).rejects.toMatchObject({ status: 409, extensions: { reason: 'similar' } });
  });

  it('becomes free when its time is up, by the clock alone (no job): the check says available and a registration takes it', async () => {
    setClock(START);
    const { id } = await registerUser({ username: 'ephemeral', password: PASSWORD });
    await changeUsername(id, 'ephemeral2');
    setClock(new Date(HELD_UNTIL.getTime() - 1));
    expect(await check('ephemeral')).toMatchObject({ reason: 'held' });
    setClock(HELD_UNTIL);
    expect(await check('ephemeral')).toMatchObject({ available: true, reason: 'available' });
    expect(await heldNamesOf(id)).toEqual([]);
    // The row whose time is up is still stored until a write needs the name: that write deletes it.
    expect(await testValue('SELECT count(*) AS n FROM global_names WHERE username = ?', ['ephemeral'])).toBe(1);
    const newcomer = await registerUser({ username: 'Ephemeral', password: PASSWORD });
    expect(await testRows('SELECT user_id, held_until FROM global_names WHERE username_canonical = ?', ['ephemeral'])).toEqual([
      { user_id: newcomer.id, held_until: null },
    ]);
  });

  it('is held for nobody after the account is deleted, and its company usernames for their companies', async () => {
    setClock(START);
    const gone = await registerUser({ username: 'departed', password: PASSWORD });
    const company = await makeCompany('Departures', 'departures');
    await addToCompany(company, 'departed', 'member', 'DEP-1');
    await removeAccount(gone.id, CLI_ACTOR);
    expect(await check('departed')).toMatchObject({ reason: 'held' });
    expect(await testRow('SELECT user_id, held_until FROM global_names WHERE username = ?', ['departed'])).toEqual({
      user_id: null,
      held_until: expect.anything(),
    });
    expect(await testRow('SELECT company_username, user_id FROM company_name_holds WHERE company_id = ?', [company])).toEqual({
      company_username: 'DEP-1',
      user_id: null,
    });
  });
});

describe('the OpenAPI document’s held examples', () => {
  it('are what the checks answer, to the letter', async () => {
    setClock(new Date('2026-12-03T12:00:00.000Z'));
    const { id } = await registerUser({ username: 'johndoe', password: PASSWORD });
    await changeUsername(id, 'johndoe.elsewhere');
    expect({ username: 'johndoe', ...(await check('johndoe')) }).toEqual(EXAMPLES.checkHeld);

    const company = await makeCompany('Example Co', 'example-co');
    const admin = await makeUser('example-admin');
    await addToCompany(company, 'example-admin', 'admin');
    await makeUser('example-member');
    await addToCompany(company, 'example-member', 'member', 'FB12346');
    await setCompanyUsername(admin, company, (await testValue('SELECT id FROM users WHERE username = ?', ['example-member'])) as number, 'FB12347');
    const token = (await createApiToken({ scope: 'company', companyId: company }, 'example', CLI_ACTOR)).token;
    const answer = await settle(() =>
      checkCompanyUsername({
        method: 'GET',
        path: `/api/v2/usernames/check/company/${company}/FB12346`,
        headers: { authorization: `Bearer ${token}` },
        body: null,
        clientIp: '192.0.2.10',
      }),
    );
    expect({ ...JSON.parse(answer.body), company_id: '1' }).toEqual(EXAMPLES.companyHeld);
  });
});

describe('a race between a hold and a registration', () => {
  it('has one winner: the rename that holds the name, or the registration, never both', async () => {
    setClock(START);
    for (let round = 0; round < 5; round++) {
      const name = `contested${round}`;
      const { id } = await registerUser({ username: name, password: PASSWORD });
      // The registration goes straight to the write (createUser: no check first), so that the
      // unique indexes alone decide, while the rename gives the name up and holds it.
      const [renamed, registered] = await Promise.allSettled([
        changeUsername(id, `${name}-moved`),
        createUser({ username: name, password: null }),
      ]);
      expect(renamed.status).toBe('fulfilled');
      expect(registered.status).toBe('rejected');
      if (registered.status === 'rejected') expect(registered.reason).toMatchObject({ status: 409 });
      expect(await testRows('SELECT user_id, held_until IS NOT NULL AS held FROM global_names WHERE similarity_key = ?', [keyOf(name)])).toEqual([
        { user_id: id, held: expect.anything() },
      ]);
      expect(await testValue('SELECT count(*) AS n FROM users WHERE username_canonical = ?', [name])).toBe(0);
    }
  });

  it('has one winner when two people register a name whose hold is over at the same moment', async () => {
    setClock(START);
    const { id } = await registerUser({ username: 'expiring', password: PASSWORD });
    await changeUsername(id, 'expiring2');
    setClock(new Date(HELD_UNTIL.getTime() + 1));
    const results = await Promise.allSettled([
      createUser({ username: 'expiring', password: null }),
      createUser({ username: 'Expiring', password: null }),
      createUser({ username: 'exp.iring', password: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect(await testValue('SELECT count(*) AS n FROM global_names WHERE similarity_key = ?', [keyOf('expiring')])).toBe(1);
  });
});

describe('a company username given up', () => {
  let company: number;
  let admin: { userId: number };
  let token: string;

  const v2 = async (name: string) =>
    JSON.parse(
      (
        await settle(() =>
          checkCompanyUsername({
            method: 'GET',
            path: `/api/v2/usernames/check/company/${company}/${encodeURIComponent(name)}`,
            headers: { authorization: `Bearer ${token}` },
            body: null,
            clientIp: '192.0.2.9',
          }),
        )
      ).body,
    ) as Record<string, unknown>;

  beforeAll(async () => {
    company = await makeCompany('Holders', 'holders');
    admin = await makeUser('holders-admin');
    await addToCompany(company, 'holders-admin', 'admin');
    for (const name of ['ann', 'ben', 'cat']) await makeUser(`holders-${name}`);
    await addToCompany(company, 'holders-ann', 'member', 'EMP-100');
    await addToCompany(company, 'holders-ben', 'member', 'EMP-200');
    await addToCompany(company, 'holders-cat', 'member');
    token = (await createApiToken({ scope: 'company', companyId: company }, 'test', CLI_ACTOR)).token;
  });

  const idOf = async (username: string) => (await testValue('SELECT id FROM users WHERE username = ?', [username])) as number;

  it('is held for the company when replaced: v2 single and bulk say held, another member cannot have it, its owner can take it back', async () => {
    setClock(START);
    const ann = await idOf('holders-ann');
    const cat = await idOf('holders-cat');
    await setCompanyUsername(admin, company, ann, 'EMP-101');
    expect(await v2('EMP-100')).toMatchObject({
      is_available: false,
      reason: 'held',
      message_key: 'base.user_is_held_for_this_company',
      message: 'Username "EMP-100" was given up recently and is held for this company until March 31, 2027',
    });
    expect(await v2('emp-100')).toMatchObject({ is_available: false, reason: 'held' });
    const bulk = await settle(() =>
      checkCompanyUsernames({
        method: 'POST',
        path: `/api/v2/usernames/check/company/${company}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ usernames: ['EMP-100', 'EMP-101', 'EMP-999'] })),
        clientIp: '192.0.2.9',
      }),
    );
    expect((JSON.parse(bulk.body) as { reason: string }[]).map((item) => item.reason)).toEqual(['held', 'taken', 'available']);

    await expect(setCompanyUsername(admin, company, cat, 'EMP-100')).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
    expect(await testValue('SELECT company_username FROM memberships WHERE company_id = ? AND user_id = ?', [company, cat])).toBeNull();
    // The person who had it takes it back; the name they leave is held in turn.
    await setCompanyUsername(admin, company, ann, 'EMP-100');
    expect(await v2('EMP-100')).toMatchObject({ reason: 'taken' });
    expect(await v2('EMP-101')).toMatchObject({ reason: 'held' });
  });

  it('is held when removed or when its member leaves, and free for anyone once its time is up', async () => {
    setClock(START);
    const ben = await idOf('holders-ben');
    const cat = await idOf('holders-cat');
    await removeMember(admin, company, ben);
    expect(await v2('EMP-200')).toMatchObject({ reason: 'held' });
    await expect(setCompanyUsername(admin, company, cat, 'EMP-200')).rejects.toMatchObject({ status: 409 });
    setClock(new Date(HELD_UNTIL.getTime() + 1));
    expect(await v2('EMP-200')).toMatchObject({ is_available: true, reason: 'available' });
    await setCompanyUsername(admin, company, cat, 'EMP-200');
    expect(await testValue('SELECT count(*) AS n FROM company_name_holds WHERE company_id = ? AND company_username_canonical = ?', [company, 'emp-200'])).toBe(0);
  });

  it('has one winner when a name is given up and given to another member at the same moment', async () => {
    setClock(START);
    const ann = await idOf('holders-ann');
    const cat = await idOf('holders-cat');
    const current = (await testValue('SELECT company_username FROM memberships WHERE company_id = ? AND user_id = ?', [company, ann])) as string;
    const [released, taken] = await Promise.allSettled([
      setCompanyUsername(admin, company, ann, 'EMP-150'),
      setCompanyUsername(admin, company, cat, current),
    ]);
    expect(released.status).toBe('fulfilled');
    expect(taken.status).toBe('rejected');
    expect(await testValue('SELECT count(*) AS n FROM memberships WHERE company_id = ? AND company_username_canonical = ?', [company, current.toLowerCase()])).toBe(0);
    expect(await v2(current)).toMatchObject({ reason: 'held' });
  });
});
