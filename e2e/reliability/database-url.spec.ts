// A DATABASE_URL this build does not serve stops `npm start` at once, with the reason; so does a
// PostgreSQL that does not answer. Before, `postgres://…` silently made a SQLite file under
// ./postgres:/… and served from it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function npmStart(databaseUrl: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOSTNAME: '127.0.0.1', LOG_REQUESTS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a server that does start (the bug) is killed with npm, not orphaned.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output, ms: Date.now() - started });
    }),
  );
}

test('npm start with DATABASE_URL=mysql://… exits non-zero at once, naming the scheme and the accepted forms', async () => {
  const { code, output, ms } = await npmStart('mysql://root:hunter2@x/namecheck');
  console.log(`mysql:// refused in ${ms} ms`);
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain('[namecheck] cannot start: DATABASE_URL: namecheck does not serve "mysql:" databases.');
  expect(output).toMatch(/file:\.\/path\.db.*:memory:.*postgres:\/\/… or postgresql:\/\/…/);
  expect(output).not.toContain('hunter2');
  expect(output).not.toContain('ready on');
  expect(ms).toBeLessThan(5_000);
});

test('npm start with DATABASE_URL=postgres://… on a server that does not answer stops with a clear message, never running on SQLite', async () => {
  for (const url of ['postgres://nc:hunter2@127.0.0.1:1/namecheck', 'postgresql://nc:hunter2@127.0.0.1:1/namecheck']) {
    const { code, output, ms } = await npmStart(url);
    console.log(`${url.split(':')[0]}:// with nothing listening refused in ${ms} ms`);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain('[namecheck] cannot start: the database does not answer (postgres');
    expect(output).toContain('127.0.0.1:1/namecheck');
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('ready on');
    expect(ms).toBeLessThan(5_000);
  }
  expect(existsSync(join(ROOT, 'postgres:'))).toBe(false);
  expect(existsSync(join(ROOT, 'postgresql:'))).toBe(false);
});
