import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import type { DemoData } from './global-setup';

export function demoData(): DemoData {
  return JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR ?? '', 'demo.json'), 'utf8')) as DemoData;
}

export function demoPassword(username: string): string {
  const user = demoData().users.find((u) => u.username === username);
  if (!user?.password) throw new Error(`no demo password for ${username}`);
  return user.password;
}

/** Signs in as a browser does: csrf token, then the credentials callback form POST. */
export async function signInViaApi(
  request: APIRequestContext,
  fields: Record<string, string>,
  provider: 'credentials' | 'company' = 'credentials',
) {
  const csrf = await request.get('/api/auth/csrf');
  expect(csrf.ok()).toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return request.post(`/api/auth/callback/${provider}`, {
    form: { csrfToken, ...fields },
    maxRedirects: 0,
  });
}

let counter = 0;
/** A fresh, valid global username for one test. */
export function uniqueName(prefix = 'e2e'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e4)}`;
}

export const test = base;
export { expect };
