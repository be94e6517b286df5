import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';


const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Runs the admin CLI as an operator would (`npm run -s cli -- …`), against a given database. */
export function runCli(args: string[], databaseUrl: string = process.env.E2E_DATABASE_URL ?? ''): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  let json: unknown = undefined;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

export function cliJson<T>(args: string[], databaseUrl?: string): T {
  const result = runCli(args, databaseUrl);
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
  return result.json as T;
}
