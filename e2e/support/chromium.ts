import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

// Debian's Chromium when the machine has it (nothing is downloaded here); Playwright's own elsewhere.
// Used by playwright.config.ts and by the browser half of `npm run bench` (scripts/bench-pages.ts).
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }
  : {};
