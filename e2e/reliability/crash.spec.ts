import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK } from '../support/http';
import { startServer } from '../support/server';

const ROUNDS = 10;

test('SIGKILL while registering loses no acknowledged name and leaves the database intact', async () => {
  test.setTimeout(ROUNDS * 40_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'namecheck-crash-'));
  const env = { RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0', RATE_LIMIT_CHECKS_PER_MINUTE: '0', LOG_REQUESTS: '0' };
  const acknowledged: string[] = [];

  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startServer({ dataDir, env });
    const ackFile = join(dataDir, `acks-${round}.txt`);
    const loop = spawn(process.execPath, [join('e2e', 'support', 'register-loop.mjs'), server.url, ackFile, `crash${round}x`, '4'], { stdio: 'ignore' });
    const loopDone = new Promise((r) => loop.once('exit', r));
    await new Promise((r) => setTimeout(r, 600 + Math.random() * 1900));
    server.process.kill('SIGKILL');
    await server.stop('SIGKILL');
    await loopDone;
    const acks = existsSync(ackFile) ? readFileSync(ackFile, 'utf8').split('\n').filter(Boolean) : [];
    acknowledged.push(...acks);

    const db = new Database(join(dataDir, 'namecheck.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    console.log(`crash round ${round}/${ROUNDS}: ${acks.length} acknowledged registrations before SIGKILL, integrity ok`);
  }

  expect(acknowledged.length).toBeGreaterThan(ROUNDS); // the loop did real work
  const server = await startServer({ dataDir, env });
  try {
    const lost: string[] = [];
    for (const username of acknowledged) {
      const verdict = (await raw(server.url, { path: V1_CHECK, ...jsonPost({ username }) })).json();
      if (verdict.reason !== 'taken') lost.push(`${username}: ${verdict.reason}`);
    }
    expect(lost).toEqual([]);
    console.log(`crash test: ${ROUNDS} rounds, ${acknowledged.length} acknowledged names, all taken after restart`);
  } finally {
    await server.stop();
  }
});
