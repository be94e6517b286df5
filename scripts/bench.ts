// `npm run bench`: namecheck's two check endpoints against the reference server
// (../shared/bench/reference-server.mjs: bare node:http + better-sqlite3), side by side in one run.
// Both servers are pinned to core 1 and wrk to core 0; rounds alternate between them, and the
// result is a ratio, which survives a noisy machine where absolute figures do not.
// Each round also loads namecheck's bulk check (1000 names a request; the reference has no such
// endpoint) right after its single v2 check: names checked per second in bulk ÷ single v2 checks
// per second, the median of the rounds' ratios.
//
//   npm run bench [-- --users 1000000 --rounds 9 --duration 4 --connections 50]
//   npm run bench -- --flatness [--users 10000000]   p50 at 1k names vs at --users names (namecheck only)
//   npm run bench -- --flatness --postgres --users 1000000   the same on PostgreSQL
//   npm run bench -- --port 4200 --reference-port 4100   the servers' ports (the defaults)
//   npm run bench -- --postgres [--database-url postgres://…] [--users 100000]
//       namecheck on PostgreSQL against ../shared/bench/reference-server-pg.mjs (bare node:http + pg),
//       in the same run and on the same PostgreSQL server, each in a database of its own: a throwaway
//       cluster from the machine's binaries (db/testing/postgres.ts) unless a URL is given (then
//       namecheck uses that database and the reference one beside it, named <database>_reference).
//       The servers are pinned as above; PostgreSQL is not (both servers' queries share it alike).
//
// Writes bench/results/latest.json, bench/results/latest.svg and a dated copy of the JSON
// (latest-postgres.json and latest-postgres.svg with --postgres).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countRows, createTestDatabase, ensureDatabase, startPostgres } from '../db/testing/postgres';
import { measurePages, type PageFigures } from './bench-pages';
import { median } from './median';
import { serverNodeArgs } from './server-command';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string' },
    rounds: { type: 'string', default: '9' },
    duration: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    flatness: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    port: { type: 'string', default: '4200' },
    'reference-port': { type: 'string', default: '4100' },
  },
});

const ROOT = process.cwd();
const RESULTS = join(ROOT, 'bench', 'results');
const POSTGRES = args.postgres;
const REFERENCE = resolve(ROOT, '..', 'shared', 'bench', POSTGRES ? 'reference-server-pg.mjs' : 'reference-server.mjs');
// A million names on SQLite; 100k on PostgreSQL (the issue's measured reference figures).
const USERS = Number(args.users ?? (POSTGRES ? 100_000 : 1_000_000));
/** namecheck's pool (DATABASE_POOL_SIZE, db/client.ts's default) and the pg reference's: the same size. */
const PG_POOL = 10;
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
// Ports of their own (another server on this machine may hold the defaults): --reference-port, --port.
const REF_PORT = Number(args['reference-port']);
const NC_PORT = Number(args.port);

type Endpoint = 'v1' | 'v2' | 'v2-bulk';
/** Names per bulk request (bench/v2-bulk.lua), and its connections: enough to keep one core busy. */
const BULK_NAMES = 1000;
const BULK_CONNECTIONS = 8;
interface Sample {
  server: 'reference' | 'namecheck';
  endpoint: Endpoint;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

function need(bin: string): void {
  if (spawnSync('which', [bin]).status !== 0) {
    throw new Error(`${bin} is not installed (apt-get install -y ${bin === 'taskset' ? 'util-linux' : bin})`);
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function cli(databaseUrl: string, ...cliArgs: string[]): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...cliArgs], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`cli ${cliArgs.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface Prepared {
  /** namecheck's DATABASE_URL, and a company token for its v2 check */
  databaseUrl: string;
  token: string;
  /** the reference server's arguments after its script */
  referenceArgs: string[];
  engine: 'sqlite' | 'postgres';
  stop: () => Promise<void>;
}

/** A namecheck database with `users` bench names and a company token; reused across runs. */
function prepareNamecheckDb(users: number): { databaseUrl: string; token: string } {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `namecheck-${users}.db`);
  const tokenFile = `${file}.token`;
  const databaseUrl = `file:${file}`;
  if (!existsSync(file) || !existsSync(tokenFile)) {
    log(`seeding ${users} names into ${file} …`);
    const started = Date.now();
    cli(databaseUrl, 'seed', '--users', String(users));
    log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { token } = cli(databaseUrl, 'token', 'create', '--company', '1', '--name', 'bench') as { token: string };
    writeFileSync(tokenFile, token);
  }
  return { databaseUrl, token: readFileSync(tokenFile, 'utf8').trim() };
}

function prepareSqlite(users: number): Prepared {
  const { databaseUrl, token } = prepareNamecheckDb(users);
  return { databaseUrl, token, referenceArgs: ['--port', String(REF_PORT), '--users', String(users)], engine: 'sqlite', stop: async () => {} };
}

/** The PostgreSQL server the run was given: --database-url, else a postgres:// DATABASE_URL; undefined for a throwaway cluster. */
function givenPostgresUrl(): string | undefined {
  return args['database-url'] ?? (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined);
}

/**
 * namecheck's database and the reference's, on one PostgreSQL server: a throwaway one unless
 * --database-url (or a postgres:// DATABASE_URL) names one. namecheck's is seeded through the CLI,
 * as an operator would (`seed --users N`), when it holds fewer names; the reference seeds its own.
 */
async function preparePostgres(users: number): Promise<Prepared> {
  const given = givenPostgresUrl();
  let databaseUrl: string;
  let referenceUrl: string;
  let stop = async () => {};
  if (given) {
    databaseUrl = given;
    const name = decodeURIComponent(new URL(given).pathname.slice(1)) || 'postgres';
    referenceUrl = await ensureDatabase(given, `${name}_reference`);
    log(`PostgreSQL: ${new URL(given).host}, namecheck in ${name}, the reference in ${name}_reference`);
  } else {
    const server = await startPostgres();
    stop = server.stop;
    databaseUrl = (await createTestDatabase(server.url, 'namecheck')).url;
    referenceUrl = (await createTestDatabase(server.url, 'reference')).url;
    log(`PostgreSQL: a throwaway cluster on port ${server.port} (initdb ${server.timings.initdb} ms, start ${server.timings.start} ms)`);
  }
  try {
    if ((await countRows(databaseUrl, 'users')) < users) {
      log(`seeding ${users} names into namecheck's PostgreSQL database (cli seed --users ${users}) …`);
      const started = Date.now();
      cli(databaseUrl, 'seed', '--users', String(users));
      log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const { token } = cli(databaseUrl, 'token', 'create', '--company', '1', '--name', 'bench') as { token: string };
    return {
      databaseUrl,
      token,
      referenceArgs: ['--port', String(REF_PORT), '--users', String(users), '--database-url', referenceUrl, '--pool', String(PG_POOL)],
      engine: 'postgres',
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no health on ${port}: ${output()}`);
}

interface Running {
  child: ChildProcess;
  pid: number;
  stop: () => Promise<void>;
}

async function start(command: string, commandArgs: string[], env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  // The servers write their request logs to a file, as in production: a pipe that this process only
  // read between wrk runs (spawnSync blocks it) would stall and skew the run.
  // A server left over from another run would answer the health check and be measured instead.
  if (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)) {
    throw new Error(`port ${port} is in use already (a server left from another run?): stop it first`);
  }
  const logFile = join(RESULTS, `server-${port}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn('taskset', ['-c', '1', command, ...commandArgs], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const output = () => readFileSync(logFile, 'utf8').slice(-4000);
  await waitForHealth(port, child, output);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

function wrk(port: number, endpoint: Endpoint, seconds: number, env: NodeJS.ProcessEnv): Omit<Sample, 'server' | 'round' | 'endpoint'> {
  // A bulk request takes milliseconds, not microseconds: fewer connections, and a longer timeout than wrk's 2 s.
  const connections = endpoint === 'v2-bulk' ? ['-c' + BULK_CONNECTIONS, '--timeout', '10s'] : ['-c' + CONNECTIONS];
  const r = spawnSync(
    'taskset',
    ['-c', '0', 'wrk', '-t1', ...connections, `-d${seconds}s`, '--latency', '-s', join('bench', `${endpoint}.lua`), `http://127.0.0.1:${port}`],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const out = r.stdout;
  const latency = (pct: string) => {
    const m = new RegExp(`^\\s+${pct}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
    return m ? Math.round(toMs(m[1]!, m[2]!) * 100) / 100 : NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)), p50: latency('50'), p99: latency('99'), errors, requests };
}

/** The medians of several wrk runs of one server and endpoint. */
function medianRun(runs: readonly ReturnType<typeof wrk>[]): { rps: number; p50: number; p99: number } {
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

/**
 * namecheck's environment. The ratios are taken with the rate limits off (RATE_LIMIT_*=0), as the
 * references have none; `limits` 'default' leaves them as an operator gets them (one load generator
 * on one address is then mostly answered 429), 'in-path' keeps the limiters counting every request
 * with budgets above what wrk sends (the cost of the counting itself).
 */
function namecheckEnv(databaseUrl: string, port: number, limits: 'off' | 'default' | 'in-path' = 'off'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ...(databaseUrl.startsWith('postgres') ? { DATABASE_POOL_SIZE: String(PG_POOL) } : {}),
  };
  for (const name of ['RATE_LIMIT_CHECKS_PER_MINUTE', 'RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE']) {
    if (limits === 'default') delete env[name];
    else env[name] = limits === 'off' ? '0' : '1000000000';
  }
  return env;
}

function svgChart(rows: { label: string; reference: number; namecheck: number }[]): string {
  const width = 640;
  const barH = 22;
  const gap = 18;
  const left = 150;
  const max = Math.max(...rows.flatMap((r) => [r.reference, r.namecheck]), 1);
  const scale = (v: number) => ((width - left - 90) * v) / max;
  let y = 40;
  const parts: string[] = [];
  for (const row of rows) {
    parts.push(`<text x="10" y="${y + barH}" font-size="13">${row.label}</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${scale(row.reference)}" height="${barH}" fill="#9aa5b1"/>`);
    parts.push(`<text x="${left + scale(row.reference) + 6}" y="${y + 16}" font-size="12">reference ${row.reference}</text>`);
    y += barH + 2;
    parts.push(`<rect x="${left}" y="${y}" width="${scale(row.namecheck)}" height="${barH}" fill="#1f5fd1"/>`);
    parts.push(`<text x="${left + scale(row.namecheck) + 6}" y="${y + 16}" font-size="12">namecheck ${row.namecheck} (${(row.namecheck / row.reference).toFixed(2)}×)</text>`);
    y += barH + gap;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="system-ui, sans-serif">
<text x="10" y="22" font-size="15" font-weight="bold">Requests per second (median of rounds, wrk -c${CONNECTIONS}, ${USERS} names${POSTGRES ? ', PostgreSQL' : ''})</text>
${parts.join('\n')}
</svg>
`;
}

function ensureBuild(): void {
  if (existsSync(join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID')) && existsSync(join(ROOT, 'dist', 'server.mjs'))) return;
  log('no production build yet: running npm run build …');
  if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
}

async function compare(): Promise<void> {
  for (const bin of ['taskset', 'wrk']) need(bin);
  ensureBuild();
  if (!existsSync(REFERENCE)) throw new Error(`reference server not found at ${REFERENCE}`);
  const prepared = POSTGRES ? await preparePostgres(USERS) : prepareSqlite(USERS);
  try {
    await measure(prepared);
  } finally {
    await prepared.stop();
  }
}

async function measure(prepared: Prepared): Promise<void> {
  const { databaseUrl, token } = prepared;
  const wrkEnv = { ...process.env, BENCH_USERS: String(USERS), BENCH_TOKEN: token, BENCH_BULK_NAMES: String(BULK_NAMES) };

  log('starting the reference server (it seeds its own database on first use) …');
  const reference = await start(process.execPath, [REFERENCE, ...prepared.referenceArgs], process.env, REF_PORT);
  log('starting namecheck (production build) …');
  const ncArgs = args.profile ? ['--cpu-prof', '--cpu-prof-dir', RESULTS] : [];
  let namecheck: Running;
  try {
    namecheck = await start(process.execPath, [...ncArgs, ...serverNodeArgs()], namecheckEnv(databaseUrl, NC_PORT), NC_PORT);
  } catch (error) {
    await reference.stop();
    throw error;
  }

  const samples: Sample[] = [];
  let rss = { reference: 0, namecheck: 0 };
  let pages: PageFigures | null = null;
  const withLimits: { limits: 'in-path' | 'default'; endpoint: 'v1' | 'v2'; rps: number; p50: number; p99: number; refusedShare: number }[] = [];
  try {
    log('warming up …');
    for (const endpoint of ['v1', 'v2'] as const) {
      wrk(REF_PORT, endpoint, 3, wrkEnv);
      wrk(NC_PORT, endpoint, 3, wrkEnv);
    }
    wrk(NC_PORT, 'v2-bulk', 3, wrkEnv);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const endpoint of ['v1', 'v2'] as const) {
        const order = round % 2 ? (['reference', 'namecheck'] as const) : (['namecheck', 'reference'] as const);
        for (const server of order) {
          const s = wrk(server === 'reference' ? REF_PORT : NC_PORT, endpoint, DURATION, wrkEnv);
          samples.push({ server, endpoint, round, ...s });
          log(`round ${round} ${endpoint} ${server.padEnd(9)} ${String(s.rps).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  errors ${s.errors}`);
        }
      }
      // Right after (or before) the single v2 check on namecheck, so that the two see the same machine.
      const s = wrk(NC_PORT, 'v2-bulk', DURATION, wrkEnv);
      samples.push({ server: 'namecheck', endpoint: 'v2-bulk', round, ...s });
      log(`round ${round} v2-bulk namecheck ${String(s.rps).padStart(6)} req/s (${s.rps * BULK_NAMES} names/s)  p50 ${s.p50} ms  p99 ${s.p99} ms  errors ${s.errors}`);
    }
    rss = { reference: rssMb(reference.pid), namecheck: rssMb(namecheck.pid) };
    // The same checks with the limits on, beside the ratios (taken with them off): a server of each
    // kind in turn, three runs of each endpoint.
    await namecheck.stop();
    for (const limits of ['in-path', 'default'] as const) {
      const limited = await start(process.execPath, serverNodeArgs(), namecheckEnv(databaseUrl, NC_PORT, limits), NC_PORT);
      try {
        for (const endpoint of ['v1', 'v2'] as const) {
          wrk(NC_PORT, endpoint, 2, wrkEnv);
          const runs = [1, 2, 3].map(() => wrk(NC_PORT, endpoint, DURATION, wrkEnv));
          const m = medianRun(runs);
          const refused = runs.reduce((a, r) => a + r.errors, 0) / Math.max(1, runs.reduce((a, r) => a + r.requests, 0));
          withLimits.push({ limits, endpoint, ...m, refusedShare: Math.round(refused * 1000) / 1000 });
          log(`limits ${limits.padEnd(7)} ${endpoint} namecheck ${String(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  non-2xx ${(refused * 100).toFixed(1)} %`);
        }
      } finally {
        await limited.stop();
      }
    }
    namecheck = await start(process.execPath, [...ncArgs, ...serverNodeArgs()], namecheckEnv(databaseUrl, NC_PORT), NC_PORT);
    // The page figures do not depend on the engine: measured on the SQLite run only.
    if (prepared.engine === 'sqlite') {
      log('measuring /signup in Chromium …');
      pages = await measurePages(`http://127.0.0.1:${NC_PORT}`);
    }
  } finally {
    if (rss.namecheck === 0) rss = { reference: rssMb(reference.pid), namecheck: rssMb(namecheck.pid) };
    await namecheck.stop();
    await reference.stop();
  }

  const summary = (['v1', 'v2'] as const).map((endpoint) => {
    const pick = (server: Sample['server']) => samples.filter((s) => s.endpoint === endpoint && s.server === server);
    const stat = (server: Sample['server']) => {
      const list = pick(server);
      return { ...medianRun(list), errors: list.reduce((a, s) => a + s.errors, 0) };
    };
    const ref = stat('reference');
    const nc = stat('namecheck');
    // Each round loads both servers back to back: the median of the per-round ratios is the figure
    // least moved by a machine whose speed drifts during the run.
    const perRound = [...new Set(pick('namecheck').map((s) => s.round))].map((round) => {
      const of = (server: Sample['server']) => pick(server).find((s) => s.round === round)!.rps;
      return of('namecheck') / of('reference');
    });
    return { endpoint, reference: ref, namecheck: nc, ratio: Math.round(median(perRound) * 1000) / 1000, roundRatios: perRound.map((r) => Math.round(r * 1000) / 1000) };
  });

  // The bulk check: names per second against the single v2 check's checks per second, round by round.
  const bulkRuns = samples.filter((s) => s.endpoint === 'v2-bulk');
  const singleRuns = samples.filter((s) => s.endpoint === 'v2' && s.server === 'namecheck');
  const bulkRoundRatios = bulkRuns.map((run) => {
    const single = singleRuns.find((s) => s.round === run.round)!;
    return Math.round(((run.rps * BULK_NAMES) / single.rps) * 1000) / 1000;
  });
  const bulkStat = medianRun(bulkRuns);
  const bulk = {
    namesPerRequest: BULK_NAMES,
    connections: BULK_CONNECTIONS,
    requestsPerSecond: bulkStat.rps,
    namesPerSecond: bulkStat.rps * BULK_NAMES,
    singleChecksPerSecond: medianRun(singleRuns).rps,
    p50: bulkStat.p50,
    p99: bulkStat.p99,
    errors: bulkRuns.reduce((a, s) => a + s.errors, 0),
    ratio: median(bulkRoundRatios),
    roundRatios: bulkRoundRatios,
  };

  const lines = [
    '',
    `${prepared.engine === 'postgres' ? `PostgreSQL (reference: reference-server-pg.mjs; both pools ${PG_POOL})` : 'SQLite (reference: reference-server.mjs)'}, ${USERS} names, ${ROUNDS} rounds of ${DURATION} s, wrk -c${CONNECTIONS}`,
    `| endpoint | server | req/s | p50 ms | p99 ms | errors | RSS MB |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    ...summary.flatMap((s) => [
      `| ${s.endpoint} | reference | ${s.reference.rps} | ${s.reference.p50} | ${s.reference.p99} | ${s.reference.errors} | ${rss.reference} |`,
      `| ${s.endpoint} | namecheck | ${s.namecheck.rps} | ${s.namecheck.p50} | ${s.namecheck.p99} | ${s.namecheck.errors} | ${rss.namecheck} |`,
    ]),
    '',
    ...summary.map(
      (s) =>
        `${s.endpoint}: namecheck ÷ reference = ${s.ratio.toFixed(3)} (median of the rounds' ratios ${s.roundRatios.join(', ')}; goal ≥ ${prepared.engine === 'postgres' ? '0.7' : '0.85'}, rate limits off), namecheck p99 ${s.namecheck.p99} ms (goal ≤ ${prepared.engine === 'postgres' ? 20 : 10})`,
    ),
    ...withLimits.map(
      (w) =>
        `${w.endpoint} with the rate limits ${w.limits === 'default' ? 'at their defaults' : 'counting, budgets above the load'}: ${w.rps} req/s (${(w.rps / summary.find((s) => s.endpoint === w.endpoint)!.namecheck.rps).toFixed(3)} of the same check with them off), p50 ${w.p50} ms, p99 ${w.p99} ms, ${(w.refusedShare * 100).toFixed(1)} % answered non-2xx`,
    ),
    `v2 bulk (${BULK_NAMES} names a request, wrk -c${BULK_CONNECTIONS}): ${bulk.requestsPerSecond} req/s = ${bulk.namesPerSecond} names/s against ${bulk.singleChecksPerSecond} single v2 checks/s; names/s bulk ÷ single = ${bulk.ratio.toFixed(3)} (median of the rounds' ratios ${bulk.roundRatios.join(', ')}; goal ≥ 5); bulk p50 ${bulk.p50} ms, p99 ${bulk.p99} ms, errors ${bulk.errors}`,
    `namecheck RSS after the run: ${rss.namecheck} MB${prepared.engine === 'sqlite' ? ' (goal ≤ 250)' : ''}; the reference's ${rss.reference} MB`,
    ...(pages
      ? [
          `/signup first-load JS: ${pages.signupFirstLoadKb} kB gzip in ${pages.signupScripts} files (goal ≤ 150)`,
          `live verdict after the last keystroke: median ${pages.verdictMs.median} ms, max ${pages.verdictMs.max} ms (goal ≤ 400; ${pages.verdictMs.samples.join(', ')})`,
        ]
      : []),
    '',
  ];
  process.stdout.write(lines.join('\n'));

  const result = {
    at: new Date().toISOString(),
    engine: prepared.engine,
    users: USERS,
    rounds: ROUNDS,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    rssMb: rss,
    summary,
    withLimits,
    bulk,
    pages,
    samples,
  };
  const latest = prepared.engine === 'postgres' ? 'latest-postgres' : 'latest';
  writeFileSync(join(RESULTS, `${latest}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(RESULTS, `bench-${prepared.engine === 'postgres' ? 'postgres-' : ''}${result.at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(RESULTS, `${latest}.svg`),
    svgChart(summary.map((s) => ({ label: s.endpoint === 'v1' ? 'v1 check' : 'v2 company check', reference: s.reference.rps, namecheck: s.namecheck.rps }))),
  );
  log(`results: ${join(RESULTS, `${latest}.json`)}, ${join(RESULTS, `${latest}.svg`)}`);
}

/**
 * The databases of the flatness run, one per size: SQLite files reused across runs, or databases
 * of one PostgreSQL server (a throwaway cluster unless --database-url or a postgres:// DATABASE_URL
 * names one; then <database>_flat_<size> beside it), seeded through the CLI.
 */
async function flatnessDatabases(sizes: readonly number[]): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  if (!POSTGRES) return { urls: sizes.map((users) => prepareNamecheckDb(users).databaseUrl), stop: async () => {} };
  let stop = async () => {};
  let server = givenPostgresUrl();
  if (!server) {
    const cluster = await startPostgres();
    stop = cluster.stop;
    server = cluster.url;
  }
  try {
    const base = decodeURIComponent(new URL(server).pathname.slice(1)) || 'postgres';
    const urls: string[] = [];
    for (const users of sizes) {
      const url = await ensureDatabase(server, `${base}_flat_${users}`);
      if ((await countRows(url, 'users')) < users) {
        log(`seeding ${users} names into ${new URL(url).pathname.slice(1)} (cli seed --users ${users}) …`);
        cli(url, 'seed', '--users', String(users));
      }
      urls.push(url);
    }
    return { urls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * p50 of the v1 check at 1k names and at USERS names: the check's cost must not grow with the
 * table. Both servers run side by side and are loaded in alternating rounds, so a noisy machine
 * slows both alike.
 */
async function flatness(): Promise<void> {
  need('wrk');
  need('taskset');
  ensureBuild();
  const sizes = [1000, USERS];
  const databases = await flatnessDatabases(sizes);
  const servers = [];
  try {
    for (const [i, users] of sizes.entries()) {
      servers.push({ users, port: NC_PORT + i, running: await start(process.execPath, serverNodeArgs(), namecheckEnv(databases.urls[i]!, NC_PORT + i), NC_PORT + i) });
    }
    const runs = new Map<number, ReturnType<typeof wrk>[]>(sizes.map((users) => [users, []]));
    for (const server of servers) wrk(server.port, 'v1', 3, { ...process.env, BENCH_USERS: String(server.users) });
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? servers : [...servers].reverse();
      for (const server of order) {
        const run = wrk(server.port, 'v1', DURATION, { ...process.env, BENCH_USERS: String(server.users) });
        runs.get(server.users)!.push(run);
        log(`round ${round} ${String(server.users).padStart(8)} names: p50 ${run.p50} ms, ${run.rps} req/s`);
      }
    }
    const results = sizes.map((users) => {
      const { rps, p50, p99 } = medianRun(runs.get(users)!);
      return { users, p50, p99, rps };
    });
    // As in compare(): the median of the rounds' ratios, each round loading both sizes back to back,
    // so a slow spell on this shared machine moves one round's ratio rather than one size's median.
    const smallRuns = runs.get(sizes[0]!)!;
    const largeRuns = runs.get(sizes[1]!)!;
    const roundRatios = largeRuns.map((run, i) => Math.round((run.p50 / smallRuns[i]!.p50) * 100) / 100);
    const ratio = median(roundRatios);
    process.stdout.write(
      `${results.map((r) => `${r.users} names: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s`).join('\n')}\n` +
        `${POSTGRES ? 'PostgreSQL' : 'SQLite'}: p50 at ${USERS} ÷ p50 at 1000 = ${ratio} (median of the rounds' ratios ${roundRatios.join(', ')}; goal ≤ 1.2)\n`,
    );
    const engine = POSTGRES ? 'postgres' : 'sqlite';
    writeFileSync(join(RESULTS, POSTGRES ? 'flatness-postgres.json' : 'flatness.json'), `${JSON.stringify({ at: new Date().toISOString(), engine, results, roundRatios, ratio }, null, 2)}\n`);
  } finally {
    for (const server of servers) await server.running.stop();
    await databases.stop();
  }
}

await (args.flatness ? flatness() : compare());
