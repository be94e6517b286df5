import { cliJson } from '../support/cli';
import { expect, signInViaApi, test } from '../support/fixtures';
import { jsonPost, raw, V1_REGISTER, v2Path } from '../support/http';
import { startServer } from '../support/server';

test('request logs are one JSON line each and never hold a password, token or session cookie', async ({ playwright }) => {
  const server = await startServer({ env: { LOG_REQUESTS: '1' } });
  try {
    cliJson(['seed', '--demo'], server.databaseUrl);
    const password = 'Sup3r-secret-passphrase!';
    const username = 'logwatcher';
    expect((await raw(server.url, { path: V1_REGISTER, ...jsonPost({ username, password }) })).status).toBe(201);

    const ctx = await playwright.request.newContext({ baseURL: server.url });
    await signInViaApi(ctx, { username, password });
    const cookies = (await ctx.storageState()).cookies.map((c) => c.value).filter((v) => v.length > 20);
    expect(cookies.length).toBeGreaterThan(0);
    await ctx.post('/api/v1/iam/check-user-existence/', { data: { username } });
    await ctx.dispose();

    const { token } = cliJson<{ token: string }>(['token', 'create', '--company', '1'], server.databaseUrl);
    await raw(server.url, { path: `${v2Path(1, 'FB1234')}?token=${token}`, headers: { authorization: `Bearer ${token}` } });
    await raw(server.url, { path: '/api/health?password=' + encodeURIComponent(password) });

    await expect.poll(() => server.output().split('\n').filter((l) => l.startsWith('{')).length).toBeGreaterThan(6);
    const lines = server.output().split('\n').filter((l) => l.startsWith('{'));
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['method', 'path', 'status', 'ms', 'requestId']));
    }
    const everything = server.output();
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(encodeURIComponent(password));
    expect(everything).not.toContain(token);
    for (const cookie of cookies) expect(everything).not.toContain(cookie);
  } finally {
    await server.stop();
  }
});

test('a setup link\'s token is not in the request log, on the page nor on its form', async () => {
  const server = await startServer({ env: { LOG_REQUESTS: '1' } });
  try {
    const token = `Tk${Date.now().toString(36)}SecretSetupToken_x9`;
    await raw(server.url, { path: `/setup/${token}` });
    await raw(server.url, { path: `/setup/${token}?_rsc=1`, headers: { rsc: '1' } });
    await raw(server.url, { method: 'POST', path: `/setup/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=x' });
    await raw(server.url, { path: `/x/../%73etup/${token}` });
    await expect.poll(() => server.output().split('\n').filter((l) => l.includes('"path":"/setup/[redacted]"')).length).toBeGreaterThanOrEqual(3);
    expect(server.output()).not.toContain(token);
  } finally {
    await server.stop();
  }
});

test('requests for Auth.js actions that do not exist do not flood the log', async () => {
  const server = await startServer({ env: { LOG_REQUESTS: '0' } });
  try {
    for (let i = 0; i < 100; i++) {
      await raw(server.url, { path: `/api/auth/nope${i}` });
      await raw(server.url, { method: 'POST', path: `/api/auth/callback/xyz${i}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
      await raw(server.url, { method: 'POST', path: '/api/auth/callback/credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    }
    const authLines = server.output().split('\n').filter((line) => line.includes('[auth]'));
    // One line for the first of each kind; the counts come at the end of the minute.
    expect(authLines.length).toBeGreaterThan(0);
    expect(authLines.length).toBeLessThanOrEqual(3);
  } finally {
    await server.stop();
  }
});
