import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJson } from './cli';

export interface DemoData {
  companies: { id: number; name: string; slug: string }[];
  users: { username: string; password: string | null }[];
}

/** Seeds the contract's demo data into this run's fresh database and keeps the printed passwords. */
export default async function globalSetup(): Promise<void> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const demo = cliJson<DemoData>(['seed', '--demo']);
  writeFileSync(join(dataDir, 'demo.json'), JSON.stringify(demo));
}
