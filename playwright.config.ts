import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh database for every run, shared with the specs through the environment: a SQLite file, or
// (E2E_ENGINE=postgres, set by scripts/e2e-postgres.ts) the PostgreSQL database that script made.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'namecheck-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
if (process.env.E2E_ENGINE !== 'postgres') process.env.E2E_DATABASE_URL = `file:${join(dataDir, 'namecheck.db')}`;
else if (!process.env.E2E_DATABASE_URL?.startsWith('postgres')) throw new Error('E2E_ENGINE=postgres needs E2E_DATABASE_URL: run it through scripts/e2e-postgres.ts');

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: 'npm start',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next',
      // The shared server is not the place to test limits: specs that do start their own server.
      RATE_LIMIT_CHECKS_PER_MINUTE: '0',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '0',
      RATE_LIMIT_SIGNINS_PER_MINUTE: '0',
      LOG_REQUESTS: '0',
    },
  },
});
