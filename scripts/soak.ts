// `npm run soak`: 60 s of mixed load (v1 checks, v2 company checks, registrations, sign-ins) against
// the production build on a fresh database, as fast as the machine answers with a fixed number of
// clients. Every 10 s it prints the rate, the error count and the server's RSS; at the end it fails
// (exit 1) on any error or when RSS grew more than 10 % between the 20 s and the 60 s marks.
//
//   npm run soak [-- --seconds 60 --clients 32]
//   npm run soak -- --postgres      the same on PostgreSQL (a throwaway cluster, db/testing/postgres.ts)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase, startPostgres } from '../db/testing/postgres';
import { serverNodeArgs } from './server-command';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '32' },
    port: { type: 'string', default: '4400' },
    postgres: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = process.cwd();

function cli(databaseUrl: string, ...cliArgs: string[]): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...cliArgs], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cli ${cliArgs.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

type Kind = 'check' | 'company' | 'register' | 'signin';
const counts: Record<Kind, number> = { check: 0, company: 0, register: 0, signin: 0 };
const errors: string[] = [];
let done = 0;
let running = true;
let serial = 0;

async function expectStatus(kind: Kind, res: Response, expected: number, extra?: (res: Response) => string | null): Promise<void> {
  await res.arrayBuffer();
  const problem = res.status !== expected ? `${res.status}` : (extra?.(res) ?? null);
  if (problem) errors.push(`${kind}: ${problem}`);
  counts[kind]++;
  done++;
}

async function signIn(username: string, password: string): Promise<void> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, username, password }),
  });
  await expectStatus('signin', res, 302, (r) => ((r.headers.get('location') ?? '').includes('error') ? 'sign-in refused' : null));
}

async function client(id: number, token: string, password: string): Promise<void> {
  while (running) {
    const r = Math.random();
    try {
      if (r < 0.7) {
        const username = Math.random() < 0.5 ? `user${String(1 + Math.floor(Math.random() * 10_000)).padStart(7, '0')}` : `soakfree${id}x${serial++}`;
        const res = await fetch(`${BASE}/api/v1/iam/check-user-existence/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        });
        await expectStatus('check', res, 200);
      } else if (r < 0.88) {
        const name = Math.random() < 0.5 ? 'FB12345' : `FB${Math.floor(Math.random() * 1e6)}`;
        const res = await fetch(`${BASE}/api/v2/usernames/check/company/1/${name}`, { headers: { authorization: `Bearer ${token}` } });
        await expectStatus('company', res, 200);
      } else if (r < 0.97) {
        const res = await fetch(`${BASE}/api/v1/iam/register/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `soak${process.pid}x${id}x${serial++}`, password: 'soak test password' }),
        });
        await expectStatus('register', res, 201);
      } else {
        await signIn('johndoe123', password);
      }
    } catch (error) {
      errors.push(`network: ${(error as Error).message}`);
      done++;
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new Error('no production build: run npm run build first');
  }
  let stopPostgres = async () => {};
  let databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'namecheck-soak-')), 'soak.db')}`;
  if (args.postgres) {
    const cluster = await startPostgres();
    stopPostgres = cluster.stop;
    databaseUrl = (await createTestDatabase(cluster.url, 'soak')).url;
  }
  try {
    await soak(databaseUrl);
  } finally {
    await stopPostgres();
  }
}

async function soak(databaseUrl: string): Promise<void> {
  const demo = cli(databaseUrl, 'seed', '--demo') as { users: { username: string; password: string }[] };
  cli(databaseUrl, 'seed', '--users', '10000');
  const { token } = cli(databaseUrl, 'token', 'create', '--company', '1', '--name', 'soak') as { token: string };
  const password = demo.users.find((u) => u.username === 'johndoe123')!.password;

  const server = spawn(process.execPath, serverNodeArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(PORT),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      RATE_LIMIT_CHECKS_PER_MINUTE: '0',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '0',
      RATE_LIMIT_SIGNINS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) break;
    } catch {
      if (i > 240) throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  console.log(`soak (${args.postgres ? 'PostgreSQL' : 'SQLite'}): ${SECONDS} s, ${CLIENTS} clients, mix 70% v1 checks / 18% v2 checks / 9% registrations / 3% sign-ins`);
  console.log('   t | req/s | errors | RSS MB now | RSS MB median of the last 10 s');
  // RSS is sampled every second. At one instant it also holds whatever argon2id buffers (19 MiB
  // each) and garbage happen to be there; the median of each 10 s window is what grows when memory
  // leaks, and is what the 10 % limit is judged on.
  const rss: Record<number, number> = {};
  const median: Record<number, number> = {};
  const clients = Array.from({ length: CLIENTS }, (_, i) => client(i, token, password));
  let last = 0;
  for (let t = 10; t <= SECONDS; t += 10) {
    const samples: number[] = [];
    for (let s = 0; s < 10; s++) {
      await new Promise((r) => setTimeout(r, 1_000));
      samples.push(rssMb(server.pid!));
    }
    rss[t] = samples[samples.length - 1]!;
    median[t] = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
    const rate = Math.round((done - last) / 10);
    last = done;
    console.log(`${String(t).padStart(4)} | ${String(rate).padStart(5)} | ${String(errors.length).padStart(6)} | ${String(rss[t]).padStart(10)} | ${median[t]}`);
  }
  running = false;
  await Promise.all(clients);
  // Gone before the database is (a throwaway PostgreSQL cluster stops right after).
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;

  const pct = (a: number, b: number) => Math.round(((b - a) / a) * 1000) / 10;
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n}%`;
  const mark = rss[20] ? 20 : 10;
  const growth = pct(median[mark]!, median[SECONDS]!);
  console.log(`total ${done} requests (${JSON.stringify(counts)}), ${errors.length} errors, average ${Math.round(done / SECONDS)} req/s`);
  console.log(`RSS at the instant: ${rss[mark]} MB at ${mark} s → ${rss[SECONDS]} MB at ${SECONDS} s (${sign(pct(rss[mark]!, rss[SECONDS]!))})`);
  console.log(`RSS median: ${median[mark]} MB at ${mark} s → ${median[SECONDS]} MB at ${SECONDS} s: ${sign(growth)} (limit +10%)`);
  if (errors.length > 0) console.log(`first errors: ${errors.slice(0, 5).join('; ')}`);
  process.exitCode = errors.length === 0 && growth <= 10 ? 0 : 1;
}

await main();
