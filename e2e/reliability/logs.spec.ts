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
