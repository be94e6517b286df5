import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { serverNodeArgs } from '../../scripts/server-command';
import { cliJson } from './cli';
import { createTestDatabase } from '../../db/testing/postgres';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

let nextPort = 3200 + Math.floor(Math.random() * 500);

/**
 * Starts the production build (`npm start`'s command) on its own port and database, for specs that
 * need settings of their own (rate limits, TRUST_PROXY) or that restart and kill the process.
 */
export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; host?: string; port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? nextPort++;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'namecheck-srv-'));
  // On the PostgreSQL run (scripts/e2e-postgres.ts) a server of its own gets a database of its own.
  const postgresAdmin = process.env.E2E_POSTGRES_ADMIN_URL;
  const databaseUrl =
    options.env?.DATABASE_URL ??
    (postgresAdmin && !options.dataDir ? (await createTestDatabase(postgresAdmin, 'e2e_srv')).url : `file:${join(dataDir, 'namecheck.db')}`);
  const host = options.host ?? '127.0.0.1';
  let log = '';
  const child = spawn(process.execPath, serverNodeArgs(ROOT), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: host,
      DATABASE_URL: databaseUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://${host}:${port}`;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    databaseUrl,
    dataDir,
    process: child,
    output: () => log,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * For a spec that needs a production server of its own (its own limits or settings) for all its
 * tests: started with the demo data before the first test, stopped after the last. Call at the
 * spec's top level; the returned function gives the running server.
 */
export function demoServerForSpec(options: Parameters<typeof startServer>[0] = {}): () => RunningServer {
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    server = await startServer(options);
    cliJson(['seed', '--demo'], server.databaseUrl);
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the spec server has not started');
    return server;
  };
}
