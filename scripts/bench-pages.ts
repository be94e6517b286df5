// The browser half of `npm run bench`: /signup's first-load JavaScript (gzip, as a person arriving
// downloads it) and how long after the last keystroke the live verdict appears, on a fresh page each
// time (so the live check's code is fetched on the first keystroke, as for a real visitor).
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { median } from './median';

export interface PageFigures {
  signupFirstLoadKb: number;
  signupScripts: number;
  verdictMs: { median: number; max: number; samples: number[] };
}

export async function measurePages(baseUrl: string, trials = 7): Promise<PageFigures> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // First load: every script the page downloads before it is idle.
    const page = await browser.newPage();
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    await page.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const response of scripts) bytes += gzipSync(await response.body()).length;
    await page.close();

    // Verdict latency: type a free name at 80 ms a key; time from the last key to "available".
    const samples: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const p = await browser.newPage();
      await p.goto(`${baseUrl}/signup`, { waitUntil: 'networkidle' });
      const field = p.getByLabel('Username', { exact: true });
      const name = `bench${Date.now().toString(36)}${trial}`;
      await field.pressSequentially(name.slice(0, -1), { delay: 80 });
      await p.waitForTimeout(80);
      const ms = await p.evaluate(
        (last) =>
          new Promise<number>((resolve, reject) => {
            const input = document.getElementById('username') as HTMLInputElement;
            const verdict = document.getElementById('username-verdict')!;
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (/\bavailable\b/.test(verdict.textContent ?? '')) {
                observer.disconnect();
                resolve(performance.now() - started);
              }
            });
            observer.observe(verdict, { childList: true, subtree: true, characterData: true });
            // The last keystroke, as React sees typing: the native value setter, then an input event.
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
            setter.call(input, input.value + last);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            setTimeout(() => reject(new Error('no verdict within 5 s')), 5000);
          }),
        name.slice(-1),
      );
      samples.push(Math.round(ms));
      await p.close();
    }
    return {
      signupFirstLoadKb: Math.round(bytes / 100) / 10,
      signupScripts: scripts.length,
      verdictMs: { median: median(samples), max: Math.max(...samples), samples },
    };
  } finally {
    await browser.close();
  }
}
