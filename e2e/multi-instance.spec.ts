// Several instances, one truth (issue 16; the contract's `instances`, `database outage` and `secret`
// rows): two production servers (`npm run build` output, started as `npm start` runs it) on ONE
// PostgreSQL database, a throwaway cluster from the machine's binaries (db/testing/postgres.ts).
// API only. Each test prints its figures as one `[multi] …` line for the notes.
//
// Needs PostgreSQL 15+ server binaries: without them the spec fails and says how to install them;
// NAMECHECK_SKIP_POSTGRES=1 skips it, loudly.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { createTestDatabase, postgresSkipRequested, SKIP_ENV, startPostgres, type TestPostgres } from '../db/testing/postgres';
import { runCli } from './support/cli';
import { expect, signInViaApi, test, uniqueName } from './support/fixtures';
import { jsonPost, raw, v2Path, V1_CHECK, V1_REGISTER, type RawResponse } from './support/http';
import { startServer, type RunningServer } from './support/server';

const SKIP = postgresSkipRequested();
if (SKIP) process.stderr.write(`\n!!! ${SKIP_ENV}=1: SKIPPING e2e/multi-instance.spec.ts (two instances on one PostgreSQL) !!!\n\n`);

const NO_LIMITS = {
  RATE_LIMIT_CHECKS_PER_MINUTE: '0',
  RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0',
  RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '0',
  RATE_LIMIT_SIGNINS_PER_MINUTE: '0',
};

/** Two instances on one database, started at once (so their migrations race, under the advisory lock). */
async function startPair(databaseUrl: string, env: Record<string, string>): Promise<[RunningServer, RunningServer]> {
  // No AUTH_SECRET (an empty one is none): the first instance stores a generated one in the database
  // and the other reads it, so the session test proves the stored secret.
  const common = { DATABASE_URL: databaseUrl, AUTH_SECRET: '', LOG_REQUESTS: '0', ...env };
  const started = await Promise.allSettled([startServer({ env: common }), startServer({ env: common })]);
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    throw failed.reason;
  }
  return [servers[0]!, servers[1]!];
}

function cli(databaseUrl: string, args: string[]) {
  const result = runCli(args, databaseUrl);
  expect(result.status, `cli ${args.join(' ')}: ${result.stderr}`).toBe(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI prints JSON of its own shapes
  return result.json as any;
}

const check = (server: RunningServer, username: string) => raw(server.url, { path: V1_CHECK, ...jsonPost({ username }) });

function expectProblem(res: RawResponse, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status });
}

test.describe('two instances on one PostgreSQL database', () => {
  test.skip(SKIP, `${SKIP_ENV}=1`);
  test.describe.configure({ timeout: 90_000 });

  let pg: TestPostgres | undefined;
  let databaseUrl = '';
  let a: RunningServer;
  let b: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pg = await startPostgres();
    databaseUrl = (await createTestDatabase(pg.url, 'multi')).url;
    [a, b] = await startPair(databaseUrl, NO_LIMITS);
  });

  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await pg?.stop();
  });

  test('a 60-way registration race split across both: exactly one 201', async () => {
    const username = uniqueName('race');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => raw((i % 2 ? b : a).url, { path: V1_REGISTER, ...jsonPost({ username, password: 'race password 1' }) }).then((res) => ({ res, on: i % 2 ? 'b' : 'a' }))),
    );
    const statuses = answers.map(({ res }) => res.status);
    const winners = answers.filter(({ res }) => res.status === 201);
    const losers = answers.filter(({ res }) => res.status === 409);
    console.log(`[multi] race: ${winners.length} × 201, ${losers.length} × 409, ${60 - winners.length - losers.length} other (30 requests to each instance; won on ${winners.map((w) => w.on).join(', ') || 'none'})`);
    expect(statuses.filter((s) => s !== 201 && s !== 409), 'only 201 and 409').toEqual([]);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(59);
    for (const { res } of losers) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 409, reason: 'taken' });
    }
    for (const server of [a, b]) expect((await check(server, username)).json()).toMatchObject({ available: false, reason: 'taken' });
  });

  test('a company token revoked through the CLI is refused by both instances on their next request', async () => {
    const slug = uniqueName('co').toLowerCase();
    const company = cli(databaseUrl, ['company', 'create', '--name', `Multi ${slug}`, '--slug', slug]);
    const token = cli(databaseUrl, ['token', 'create', '--company', String(company.id), '--name', 'multi-instance']);
    const ask = (server: RunningServer) => raw(server.url, { path: v2Path(company.id, 'Someone'), headers: { authorization: `Bearer ${token.token}` } });
    // Used on both first (twice each: whatever an instance caches of it is warm).
    for (const server of [a, b, a, b]) expect((await ask(server)).status).toBe(200);

    const revoked = cli(databaseUrl, ['token', 'revoke', '--id', String(token.id)]);
    expect(revoked).toMatchObject({ id: token.id, revoked: true });
    const after = [await ask(a), await ask(b)];
    console.log(`[multi] token revoked by the CLI: next request ${after.map((r) => r.status).join(' on a, ')} on b`);
    for (const res of after) {
      expectProblem(res, 401);
      expect(String(res.headers['www-authenticate'])).toContain('error="invalid_token"');
    }
  });

  test('a session made on one instance is accepted by the other', async ({ playwright }) => {
    const username = uniqueName('sess');
    const password = 'correct horse battery staple';
    cli(databaseUrl, ['user', 'create', '--username', username, '--password', password]);
    const contexts: APIRequestContext[] = [];
    try {
      const onA = await playwright.request.newContext({ baseURL: a.url });
      contexts.push(onA);
      const signedIn = await signInViaApi(onA, { username, password });
      expect(signedIn.status()).toBe(302);
      expect(signedIn.headers()['location'] ?? '').not.toContain('error');
      expect((await (await onA.get('/api/auth/session')).json())?.user?.name).toBe(username);

      // The same cookies (the cookie jar does not tell ports apart) sent to the other instance.
      const cookies = (await onA.storageState()).cookies;
      expect(cookies.map((c) => c.name)).toContain('authjs.session-token');
      const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const onB = await playwright.request.newContext({ baseURL: b.url, extraHTTPHeaders: { cookie: header } });
      contexts.push(onB);
      const session = await (await onB.get('/api/auth/session')).json();
      const account = await onB.get('/account', { maxRedirects: 0 });
      console.log(`[multi] session from a on b: /api/auth/session user ${session?.user?.name ?? 'none'}, /account ${account.status()}`);
      expect(session?.user?.name).toBe(username);
      expect(account.status()).toBe(200);

      // The control: without the cookie, b knows nobody.
      const stranger = await playwright.request.newContext({ baseURL: b.url });
      contexts.push(stranger);
      expect(await (await stranger.get('/api/auth/session')).json()).toBeNull();
    } finally {
      await Promise.all(contexts.map((c) => c.dispose()));
    }
  });

  test('the database stopped and started under a running instance: quick 503s, then recovery without a restart', async () => {
    const probe = uniqueName('outage');
    expect((await check(a, probe)).status).toBe(200);
    expect((await raw(a.url, { path: '/api/health' })).status).toBe(200);

    await pg!.shutDown('fast');
    const latencies: number[] = [];
    const timed = async (fn: () => Promise<RawResponse>) => {
      const started = performance.now();
      const res = await fn();
      latencies.push(Math.round(performance.now() - started));
      return res;
    };
    let healthStatuses: number[] = [];
    try {
      // Sequential checks on both, then a burst of 20 at once on one (the pool's queue must not hold them past 5 s).
      for (let i = 0; i < 6; i++) {
        const res = await timed(() => check(i % 2 ? b : a, probe));
        expectProblem(res, 503);
        expect(Number(res.headers['retry-after']), 'Retry-After').toBeGreaterThan(0);
      }
      const burst = await Promise.all(Array.from({ length: 20 }, () => timed(() => check(a, `${probe}b`))));
      for (const res of burst) expectProblem(res, 503);
      const registration = await timed(() => raw(a.url, { path: V1_REGISTER, ...jsonPost({ username: `${probe}r`, password: 'outage password 1' }) }));
      expectProblem(registration, 503);
      const health = await Promise.all([a, b].map((server) => timed(() => raw(server.url, { path: '/api/health' }))));
      healthStatuses = health.map((h) => h.status);
      expect(healthStatuses).toEqual([503, 503]);
      expect(Math.max(...latencies), `latencies ${latencies.join(', ')} ms`).toBeLessThan(5_000);
    } finally {
      // Whatever happened above, the database comes back for the tests after this one.
      await pg!.startAgain();
    }
    const startedAt = performance.now();
    let firstOk = -1;
    let last = 0;
    while (performance.now() - startedAt < 30_000) {
      last = (await check(a, probe)).status;
      if (last === 200) {
        firstOk = Math.round(performance.now() - startedAt);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(
      `[multi] outage: ${latencies.length} requests while the database was down, all 503 problem+json (checks with Retry-After), max latency ${Math.max(...latencies)} ms, median ${[...latencies].sort((x, y) => x - y)[Math.floor(latencies.length / 2)]} ms; /api/health ${healthStatuses.join(' and ')}; first 200 ${firstOk} ms after the database started (same process, pid ${a.process.pid})`,
    );
    expect(firstOk, `last status ${last}`).toBeGreaterThanOrEqual(0);
    expect(a.process.exitCode).toBeNull();
    expect(b.process.exitCode).toBeNull();
    // Both serve reads and writes again, with no restart.
    expect((await check(b, probe)).status).toBe(200);
    expect((await raw(b.url, { path: '/api/health' })).status).toBe(200);
    expect((await raw(b.url, { path: V1_REGISTER, ...jsonPost({ username: `${probe}w`, password: 'outage password 1' }) })).status).toBe(201);
  });

  test('kill -9 of one instance while it acknowledges registrations: every 201 is stored', async () => {
    const ackFile = join(mkdtempSync(join(tmpdir(), 'namecheck-multi-')), 'acks.txt');
    const prefix = `${uniqueName('kill')}x`;
    const loop = spawn(process.execPath, [join('e2e', 'support', 'register-loop.mjs'), b.url, ackFile, prefix, '8'], { stdio: 'ignore' });
    const loopDone = new Promise((r) => loop.once('exit', r));
    await new Promise((r) => setTimeout(r, 2_500));
    await b.stop('SIGKILL');
    await loopDone;
    const acknowledged = existsSync(ackFile) ? readFileSync(ackFile, 'utf8').split('\n').filter(Boolean) : [];
    const lost: string[] = [];
    for (const username of acknowledged) {
      const verdict = (await check(a, username)).json();
      if (verdict.reason !== 'taken') lost.push(`${username}: ${verdict.reason}`);
    }
    console.log(`[multi] kill -9 mid-stream: acknowledged ${acknowledged.length}, lost ${lost.length} (verified through the other instance)`);
    expect(acknowledged.length, 'the loop registered names before the kill').toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });

  test('a rate limit of 10 checks a minute holds across both instances together', async () => {
    const [c, d] = await startPair(databaseUrl, { ...NO_LIMITS, RATE_LIMIT_CHECKS_PER_MINUTE: '10' });
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await check(i % 2 ? d : c, `limit${i}`);
        statuses.push(`${i % 2 ? 'd' : 'c'}${res.status}`);
        expect(res.status, `check ${i + 1} of 10 on ${i % 2 ? 'the second' : 'the first'} instance`).toBe(200);
      }
      const eleventh = [await check(c, 'limit10'), await check(d, 'limit11')];
      console.log(`[multi] rate limit 10/min across both: ${statuses.join(' ')}, then ${eleventh.map((r) => r.status).join(' on c, ')} on d (Retry-After ${eleventh.map((r) => r.headers['retry-after'] ?? '-').join(', ')})`);
      for (const res of eleventh) {
        expectProblem(res, 429);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  });
});
