import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK, V1_REGISTER, v2Path } from '../support/http';
import { startServer } from '../support/server';

test('a database that cannot be written answers 503 on writes, keeps checking, and recovers', async () => {
  const server = await startServer({ env: { RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0', RATE_LIMIT_CHECKS_PER_MINUTE: '0' } });
  try {
    cliJson(['seed', '--demo'], server.databaseUrl);
    const { token } = cliJson<{ token: string }>(['token', 'create', '--company', '1'], server.databaseUrl);
    const register = (username: string) => raw(server.url, { path: V1_REGISTER, ...jsonPost({ username, password: 'a long passphrase' }) });

    expect((await register('beforefull1')).status).toBe(201);

    // Read-only mode on the server's own connection (what a full or read-only disk looks like to it).
    server.process.kill('SIGUSR2');
    await expect.poll(() => server.output()).toContain('read-only mode on');

    const refused = await register('duringfull1');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBeTruthy();
    expect(refused.text).not.toMatch(/SQLITE|readonly database/i);
    const check = await raw(server.url, { path: V1_CHECK, ...jsonPost({ username: 'beforefull1' }) });
    expect(check.status).toBe(200);
    expect(check.json().reason).toBe('taken');
    const company = await raw(server.url, { path: v2Path(1, 'FB12345'), headers: { authorization: `Bearer ${token}` } });
    expect(company.status).toBe(200);
    expect((await raw(server.url, { path: '/api/health' })).status).toBe(200);

    server.process.kill('SIGUSR2');
    await expect.poll(() => server.output()).toContain('read-only mode off');
    expect((await register('duringfull1')).status).toBe(201);
    expect((await raw(server.url, { path: V1_CHECK, ...jsonPost({ username: 'duringfull1' }) })).json().reason).toBe('taken');
  } finally {
    await server.stop();
  }
});

test('an online backup taken while registrations run passes integrity_check', async () => {
  const server = await startServer({ env: { RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0' } });
  try {
    let running = true;
    let registered = 0;
    const load = (async () => {
      for (let i = 0; running; i++) {
        const res = await raw(server.url, { path: V1_REGISTER, ...jsonPost({ username: `backup${i}x`, password: 'a long passphrase' }) });
        if (res.status === 201) registered++;
      }
    })();
    await expect.poll(() => registered, { timeout: 20_000 }).toBeGreaterThan(5);
    const to = `${server.dataDir}/backup.db`;
    const result = cliJson<{ backup: string; integrity: string; bytes: number }>(['backup', '--to', to], server.databaseUrl);
    running = false;
    await load;
    expect(result).toMatchObject({ backup: to, integrity: 'ok' });
    expect(result.bytes).toBeGreaterThan(0);
  } finally {
    await server.stop();
  }
});
